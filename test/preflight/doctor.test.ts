import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { doctorPasses, runDoctor, type DoctorRow } from '../../src/preflight/doctor.js';
import { fixtureCatalogue } from '../../src/preflight/fixture-catalogue.js';
import { serverVerdict } from '../../src/preflight/fixture-rows.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { DEFAULT_PRINCIPALS } from '../../src/model/principals.js';
import type { ContractConfig } from '../../mock/suite-config.js';

let mock: RunningMock;
const dir = mkdtempSync(join(tmpdir(), 'imsc-doctor-'));

beforeAll(async () => {
  mock = await startMock({ jobDelayMs: 20 });
});
afterAll(() => mock.close());

/** The mock's own config, changed by `plant`, loaded as the CLI loads a config file. */
function configWith(plant: (c: ContractConfig) => void = () => {}): Config & { target: string } {
  const contract = structuredClone(mock.config);
  plant(contract);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(contract));
  return loadConfig({ config: file }, {}) as Config & { target: string };
}

const failing = (rows: DoctorRow[]): DoctorRow[] => rows.filter((r) => r.status === 'fail');
const rowOf = (rows: DoctorRow[], item: string): DoctorRow | undefined => rows.find((r) => r.item === item);

describe('doctor against the embedded mock', () => {
  it('finds nothing wrong with the mock’s own config, and says what it cannot verify instead of passing it', async () => {
    const rows = await runDoctor(configWith(), await loadSpec());
    expect(failing(rows)).toEqual([]);
    expect(doctorPasses(rows)).toBe(true);
    expect(rowOf(rows, 'principal none: grants')).toMatchObject({ status: 'ok', detail: expect.stringContaining('refused listing (403)') });
    expect(rowOf(rows, 'principal reader: grants')?.status).toBe('ok');
    expect(rowOf(rows, 'principal reader: grants beyond listing')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/^\d+ reads of a missing image answered as its actions say$/),
    });
    expect(rowOf(rows, 'principal passwordReader: project')).toMatchObject({ status: 'ok', detail: expect.stringContaining(mock.config.projectId) });
    // Token principals' projects come from the IAM endpoint's token validation (the token.validate probe).
    expect(rowOf(rows, 'principal reader: project')).toMatchObject({ status: 'ok', detail: `acts in ${mock.config.projectId} as configured` });
    expect(rowOf(rows, 'principal headersReader: project')?.status).toBe('ok');
    expect(rowOf(rows, 'principals’ projects')).toBeUndefined();
    // The server is read with the server.show probe; the OBS and CBR fixtures are said to be unverifiable, not passed.
    expect(rowOf(rows, 'fixture serverId')).toMatchObject({ status: 'ok', detail: expect.stringContaining('stopped (SHUTOFF)') });
    expect(rowOf(rows, 'fixture imageUrl')).toMatchObject({ status: 'cannot-check', detail: expect.stringContaining('OBS is another service') });
    expect(rowOf(rows, 'fixture backupId')).toMatchObject({ status: 'cannot-check', detail: expect.stringContaining('CBR is another service') });
  });

  it('names a running server fixture, with how to stop it', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.fixtures.serverId = c.fixtures.runningServerId!;
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'fixture serverId')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/is running \(ACTIVE\).*stop it .*wait for SHUTOFF/),
    });
    expect(doctorPasses(rows)).toBe(false);
  });

  it('names a server fixture the owner’s project does not have', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.fixtures.serverId = '6f1c1f57-0000-4000-8000-000000000000';
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'fixture serverId')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/answered 404: no such server in the owner’s project .*set fixtures\.serverId/),
    });
  });

  it('leaves the server unchecked, with the reason, when the server read itself cannot be made', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.endpoints.compute = 'http://127.0.0.1:9';
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'fixture serverId')).toMatchObject({ status: 'cannot-check', detail: expect.stringMatching(/could not be sent .*make sure it is$/) });
  });

  it('takes a refused or unserved server read as telling nothing, never as a pass or a failure', async () => {
    const spec = await loadSpec();
    const probe = spec.probes.find((op) => op.roles.includes('server.show'))!;
    const role = fixtureCatalogue(spec.operations).find((f) => f.name === 'serverId')!;
    const verdict = (status: number, body: unknown = undefined) => serverVerdict(probe, role, 'srv-1', 'p-1', status, body);
    expect(verdict(403)).toMatchObject({ status: 'cannot-check', detail: expect.stringContaining('ecs:cloudServers:get') });
    expect(verdict(405).status).toBe('cannot-check');
    expect(verdict(200, { server: { status: 'SHUTOFF' } }).status).toBe('ok');
    expect(verdict(200, { server: { status: 'SHUTOFF', tenant_id: 'p-2' } })).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('belongs to project p-2'),
    });
    expect(verdict(200, { server: { status: 'ERROR', tenant_id: 'p-1' } })).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('is ERROR, not stopped'),
    });
  });

  it('names a wrong token and tells to renew it', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.principals.reader!.token = 'not-a-token';
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'principal reader: signs in')).toMatchObject({ status: 'fail', detail: expect.stringContaining('credentials are wrong or expired') });
    expect(doctorPasses(rows)).toBe(false);
  });

  it('names a missing fixture with the operations that would be skipped', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        delete c.fixtures.backupId;
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'fixture backupId')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/not configured: .*would be skipped; set fixtures\.backupId/),
    });
  });

  it('names a member declared in the owner’s project while its token acts in another, with the field to fix', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.principals.member!.projectId = c.projectId;
      }),
      await loadSpec(),
    );
    const memberProject = mock.config.principals.member!.projectId!;
    expect(rowOf(rows, 'principal member: project')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`set principals.member.projectId to ${memberProject}`),
    });
    expect(doctorPasses(rows)).toBe(false);
  });

  it('names a stranger whose token acts in the owner’s project although its config says another (no third project: tenant isolation would be skipped)', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.principals.stranger!.token = c.principals.owner!.token!;
      }),
      await loadSpec(),
    );
    const strangerProject = mock.config.principals.stranger!.projectId!;
    expect(rowOf(rows, 'principal stranger: project')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`acts in project ${mock.config.projectId}, the config says ${strangerProject}`),
    });
    expect(rowOf(rows, 'principal stranger: project differs from the owner’s')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('principals.stranger'),
    });
    expect(rowOf(rows, 'a stranger in a third project')).toMatchObject({ status: 'fail', detail: expect.stringContaining('tenant-isolation') });
    expect(doctorPasses(rows)).toBe(false);
  });

  it('takes token principals’ projects as configured, and says so, where the IAM endpoint does not validate tokens', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.endpoints.iam = `${c.target}/no-iam-here`;
        delete c.principals.passwordReader;
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'principal reader: project')).toBeUndefined();
    expect(rowOf(rows, 'principals’ projects')).toMatchObject({
      status: 'cannot-check',
      detail: expect.stringContaining('GET /v3/auth/tokens answered 404; is endpoints.iam the IAM endpoint?'),
    });
  });

  it('names a principal that holds more than its config declares (listing allowed, actions say none)', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.principals.reader!.actions = [];
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'principal reader: grants')).toMatchObject({ status: 'fail', detail: expect.stringContaining('holds more than declared') });
  });

  it('names a reader that holds write rights its config does not declare, from reads of a missing image', async () => {
    const generous = await startMock({ jobDelayMs: 20, principals: { ...DEFAULT_PRINCIPALS, reader: { actions: ['ims:*:*'], project: 'primary' } } });
    try {
      const contract = structuredClone(generous.config);
      contract.principals.reader!.actions = ['ims:images:list', 'ims:images:get'];
      const file = join(dir, 'generous.json');
      writeFileSync(file, JSON.stringify(contract));
      const rows = await runDoctor(loadConfig({ config: file }, {}) as Config & { target: string }, await loadSpec());
      expect(rowOf(rows, 'principal reader: grants beyond listing')).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/holds more than declared: allowed .*listImageMembers \(ims:images:get \+ ims:images:share\)/),
      });
      expect(rowOf(rows, 'principal noDelete: grants beyond listing')?.status).toBe('ok');
    } finally {
      await generous.close();
    }
  });

  it('names a principal that holds less than its config declares', async () => {
    const rows = await runDoctor(
      configWith((c) => {
        c.principals.none!.actions = ['ims:images:list'];
      }),
      await loadSpec(),
    );
    expect(rowOf(rows, 'principal none: grants')).toMatchObject({ status: 'fail', detail: expect.stringContaining('attach its policy') });
  });

  it('fails a clock 20 minutes off when AK/SK principals sign, and only warns when none does', async () => {
    const spec = await loadSpec();
    const skewed = await runDoctor(configWith(), spec, () => Date.now() + 20 * 60_000);
    expect(rowOf(skewed, 'clock skew')).toMatchObject({ status: 'fail', detail: expect.stringContaining('akskReader') });
    const withoutAksk = await runDoctor(
      configWith((c) => {
        delete c.principals.akskReader;
      }),
      spec,
      () => Date.now() + 20 * 60_000,
    );
    expect(rowOf(withoutAksk, 'clock skew')?.status).toBe('warn');
  });

  it('probes the listing the profile serves: the openstack profile’s mock passes, listing Glance’s /v2/images', async () => {
    const glance = await startMock({ jobDelayMs: 20, profile: 'openstack' });
    try {
      const file = join(dir, 'openstack.json');
      writeFileSync(file, JSON.stringify({ ...glance.config, profile: 'openstack' }));
      const rows = await runDoctor(loadConfig({ config: file }, {}) as Config & { target: string }, await loadSpec(undefined, 'openstack'));
      expect(failing(rows)).toEqual([]);
      expect(rowOf(rows, 'principal owner: signs in')?.detail).toContain('GET /v2/images answered 200');
      // Keystone validates tokens on the openstack profile too: token principals' projects are told, not assumed.
      expect(rowOf(rows, 'principal owner: project')).toMatchObject({ status: 'ok', detail: expect.stringContaining(glance.config.projectId) });
      expect(rowOf(rows, 'principals’ projects')).toBeUndefined();
      expect(rowOf(rows, 'an enterprise-project-scoped principal')).toBeUndefined();
    } finally {
      await glance.close();
    }
  });

  it('stops at an unreachable target with one failing row', async () => {
    const rows = await runDoctor({ ...configWith(), target: 'http://127.0.0.1:9' }, await loadSpec());
    expect(rows).toEqual([expect.objectContaining({ status: 'fail', detail: expect.stringContaining('unreachable') })]);
  });

  it('sends nothing but GET (besides the password sign-in) to the target', async () => {
    const methods: string[] = [];
    const watched = await startMock({
      jobDelayMs: 20,
      observe: (request) => {
        methods.push(`${request.method} ${request.url.split('?')[0]}`);
      },
    });
    try {
      const contract = structuredClone(watched.config);
      const file = join(dir, 'watched.json');
      writeFileSync(file, JSON.stringify(contract));
      await runDoctor(loadConfig({ config: file }, {}) as Config & { target: string }, await loadSpec());
    } finally {
      await watched.close();
    }
    expect(methods.filter((m) => !m.startsWith('GET ') && m !== 'POST /v3/auth/tokens')).toEqual([]);
    expect(methods.length).toBeGreaterThan(0);
  });
});
