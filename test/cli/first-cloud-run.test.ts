import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envPart } from '../../src/cli/init-command.js';
import { loadConfig } from '../../src/config/load-config.js';
import { fixtureCatalogue } from '../../src/preflight/fixture-catalogue.js';
import { principalCatalogue } from '../../src/preflight/principal-catalogue.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { validateReport } from '../../reports/read-report.js';
import type { RunReport } from '../../reports/report-model.js';
import { imsConformance } from '../support/run-cli.js';

/**
 * From zero to a first run, as a user does it against a cloud — the mock standing in for one:
 * init → policies → doctor → run --preflight, and the status coverage the run reports.
 */
const dir = mkdtempSync(join(tmpdir(), 'imsc-first-run-'));
let mock: RunningMock;
const answers: { method: string; path: string; status: number }[] = [];

beforeAll(async () => {
  mock = await startMock({
    jobDelayMs: 20,
    observe: (request, response) => answers.push({ method: request.method, path: request.url.split('?')[0] ?? '', status: response.status }),
  });
});
afterAll(() => mock.close());

function writeConfig(name: string, plant: (c: RunningMock['config']) => void = () => {}): string {
  const contract = structuredClone(mock.config);
  plant(contract);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(contract));
  return file;
}

/** Every `${NAME}` of a file, set to a value of the right shape (a URL for the target, an id elsewhere). */
function envFor(text: string): Record<string, string> {
  const names = [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g)].map((m) => m[1] as string);
  return Object.fromEntries(
    [...names, 'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'].map((n) => [n, n === 'IMS_TARGET' ? 'https://ims.example.com' : `value-of-${n}`]),
  );
}

describe('init', () => {
  it('writes a commented config that loads, with every principal the suite uses and every fixture the spec binds', async () => {
    const out = join(dir, 'ims.yaml');
    const first = await imsConformance(['init', '--out', out]);
    expect(first.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# owner — owns every image the run creates');
    expect(text).toContain('token: "${IMS_OWNER_TOKEN}"');
    const config = loadConfig({ config: out }, envFor(text));
    expect(Object.keys(config.principals)).toEqual(principalCatalogue().map((p) => p.name));
    expect(config.principals.noDelete?.deny).toEqual(['ims:images:delete']);
    expect(config.principals.epAdmin?.enterpriseProjectId).toBe('value-of-IMS_EP_ADMIN_ENTERPRISE_PROJECT_ID');
    expect(Object.keys(config.fixtures).sort()).toEqual(fixtureCatalogue((await loadSpec()).operations).map((f) => f.name));
    // No secret is ever written: every credential is a placeholder.
    expect(text).not.toMatch(/token: "[^$]/);
  });

  it('never overwrites an existing file', async () => {
    const out = join(dir, 'kept.yaml');
    writeFileSync(out, 'mine\n');
    const again = await imsConformance(['init', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${out} exists; not overwriting it`);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
  });

  it('writes the openstack profile’s principals (Keystone password users) and no fixtures', async () => {
    const out = join(dir, 'openstack.yaml');
    expect((await imsConformance(['init', '--profile', 'openstack', '--out', out])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const config = loadConfig({ config: out }, envFor(text));
    expect(config.profile).toBe('openstack');
    expect(Object.values(config.principals).every((p) => p.password !== undefined)).toBe(true);
    expect(config.fixtures).toEqual({});
  });
});

describe('policies', () => {
  it('prints each principal’s Huawei IAM custom policy and where to attach it', async () => {
    const run = await imsConformance(['policies', '--config', writeConfig('policies.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## noDelete');
    expect(run.stdout).toMatch(/"Version": "1\.1"[\s\S]*"Effect": "Deny",\s*"Action": \[\s*"ims:images:delete"/);
    expect(run.stdout).toMatch(/## none[^\n]*\n[^\n]*\n[^\n]*\ncustom policy: none/);
    expect(run.stdout).toMatch(/## epAdmin[\s\S]*?grant in: enterprise project \S+ ONLY/);
    const json = await imsConformance(['policies', '--config', writeConfig('policies.json'), '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { principals: { name: string; policy?: unknown; prerequisites: string[] }[] };
    expect(parsed.principals.map((p) => p.name)).toEqual(Object.keys(mock.config.principals));
    // Other services' permissions (x-iam-prerequisites) follow the IMS actions a principal holds: the owner imports
    // from OBS, a reader never does.
    const owner = parsed.principals.find((p) => p.name === 'owner')!;
    expect(owner.prerequisites).toContainEqual(expect.stringMatching(/^obs Tenant Administrator, for .*registerImage/));
    expect(parsed.principals.find((p) => p.name === 'reader')!.prerequisites).toEqual([]);
  });

  it('works on init’s output before any secret is set, and refuses an action the spec never uses', async () => {
    const out = join(dir, 'fresh.yaml');
    await imsConformance(['init', '--out', out]);
    expect((await imsConformance(['policies', '--config', out])).code).toBe(0);
    const typo = await imsConformance([
      'policies',
      '--config',
      writeConfig('typo.json', (c) => {
        c.principals.reader!.actions = ['ims:images:lst'];
      }),
    ]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('principals.reader: "ims:images:lst" matches no action of the spec’s IAM facts');
  });
});

/** What a user copies from the cloud's console into the variables `init`'s file names — here, from the mock. */
function envFromMock(): Record<string, string> {
  const c = mock.config;
  const env: Record<string, string> = { IMS_TARGET: c.target, IMS_PROJECT_ID: c.projectId };
  for (const [name, p] of Object.entries(c.principals)) {
    const v = envPart(name);
    if (p.token) env[`IMS_${v}_TOKEN`] = p.token;
    if (p.headers) env[`IMS_${v}_TOKEN`] = p.headers['X-Auth-Token'] ?? '';
    if (p.password) Object.assign(env, { IMS_DOMAIN: p.password.domain, [`IMS_${v}_USER`]: p.password.user, [`IMS_${v}_PASSWORD`]: p.password.password });
    if (p.aksk) Object.assign(env, { HUAWEICLOUD_SDK_AK: p.aksk.ak, HUAWEICLOUD_SDK_SK: p.aksk.sk });
    if (p.enterpriseProjectId) env[`IMS_${v}_ENTERPRISE_PROJECT_ID`] = p.enterpriseProjectId;
  }
  env.IMS_MEMBER_PROJECT_ID = c.principals.member?.projectId ?? '';
  env.IMS_STRANGER_PROJECT_ID = c.principals.stranger?.projectId ?? '';
  for (const [name, value] of Object.entries(c.fixtures)) env[`IMS_FIXTURE_${envPart(name)}`] = value;
  return env;
}

describe('the walkthrough: init’s own file, filled in, against the mock standing in for a cloud', () => {
  it('passes the doctor once its variables are set', async () => {
    const out = join(dir, 'walkthrough.yaml');
    expect((await imsConformance(['init', '--out', out])).code).toBe(0);
    // Filled in as a user does: the endpoints (the mock serves IAM and Nova beside IMS), uncommented.
    const text = readFileSync(out, 'utf8');
    writeFileSync(out, text.replace(/^# endpoints:.*$/m, `endpoints: {iam: "${mock.url}", compute: "${mock.url}"}`));
    const doctor = await imsConformance(['doctor', '--config', out], { env: envFromMock() });
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    expect(doctor.stdout).toMatch(/principal passwordReader: signs in\s+ok/);
    expect(doctor.stdout).toMatch(/principal akskReader: grants\s+ok/);
  });
});

describe('doctor and run --preflight', () => {
  it('doctor: exit 0 on the mock’s config; exit 1 naming each planted misconfiguration with its fix', async () => {
    const clean = await imsConformance(['doctor', '--config', writeConfig('clean.json')]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/0 fail .*ready/);
    const broken = await imsConformance([
      'doctor',
      '--config',
      writeConfig('broken.json', (c) => {
        c.principals.noDelete!.token = 'wrong-token';
        // Token principals whose tokens are really the owner's: a stranger in the owner's project, a reader with write rights.
        c.principals.stranger!.token = c.principals.owner!.token!;
        c.principals.reader!.token = c.principals.owner!.token!;
        delete c.fixtures.backupId;
        c.fixtures.serverId = c.fixtures.runningServerId!;
      }),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/principal noDelete: signs in\s+fail\s+.*401.*renew them/);
    expect(broken.stdout).toMatch(/principal stranger: project\s+fail\s+acts in project \S+, the config says \S+: set principals\.stranger\.projectId/);
    expect(broken.stdout).toMatch(/principal stranger: project differs from the owner’s\s+fail\s+.*give it a user in another project/);
    expect(broken.stdout).toMatch(/principal reader: grants beyond listing\s+fail\s+holds more than declared: .*detach the extra policies/);
    expect(broken.stdout).toMatch(/fixture backupId\s+fail\s+not configured: .*set fixtures\.backupId/);
    expect(broken.stdout).toMatch(/fixture serverId\s+fail\s+.*is running \(ACTIVE\).*stop it/);
    expect(broken.stdout).toContain('NOT ready');
  });

  it('run --preflight stops a run that would skip for setup reasons (exit 2), failures first, no report written', async () => {
    const reportDir = join(dir, 'never');
    const run = await imsConformance([
      'run',
      '--preflight',
      '--config',
      writeConfig('pre.json', (c) => {
        delete c.fixtures.backupId;
      }),
      '--report-dir',
      reportDir,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/preflight failed[\s\S]*fixture backupId\s+fail/);
    expect(existsSync(reportDir)).toBe(false);
  });

  it('run --preflight goes on to the run when nothing fails (here to --only’s check, which selects nothing)', async () => {
    const run = await imsConformance(['run', '--preflight', '--config', writeConfig('go.json'), '--only', 'noSuchOperation/']);
    expect(run.stdout).toMatch(/preflight: \d+ ok, 0 warn, \d+ cannot-check, 0 fail/);
    expect(run.stderr).toContain('--only noSuchOperation/ selects no test');
  });
});

describe('status coverage', () => {
  it('in summary.json, summary.md and the console, matching a count of the answers the target sent', async () => {
    const reportDir = join(dir, 'report');
    answers.length = 0;
    const run = await imsConformance([
      'run',
      '--config',
      writeConfig('run.json'),
      '--only',
      'showImage/',
      '--runs',
      '2',
      '--seed',
      '7',
      '--report-dir',
      reportDir,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/status coverage: \d+ of \d+ documented statuses observed/);
    const report = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8')) as RunReport;
    expect(validateReport(report)).toEqual({ valid: true, errors: [] });
    const coverage = report.statusCoverage!;
    expect(coverage.operations.map((o) => o.operationId)).toEqual(['showImage']);
    const show = coverage.operations[0]!;
    // Every GET /v2/images/{id} the mock answered during the run (cleanup only deletes, the sweep only lists).
    const counted: Record<number, number> = {};
    for (const a of answers.filter((x) => x.method === 'GET' && /^\/v2\/images\/[^/]+$/.test(x.path))) counted[a.status] = (counted[a.status] ?? 0) + 1;
    const reported = Object.fromEntries([...show.statuses, ...show.undocumented].filter((s) => s.count > 0).map((s) => [s.status, s.count]));
    expect(reported).toEqual(counted);
    expect(show.exchanges).toBe(Object.values(counted).reduce((a, b) => a + b, 0));
    expect(counted[200]).toBeGreaterThan(0);
    expect(counted[404]).toBeGreaterThan(0);
    expect(readFileSync(join(reportDir, 'summary.md'), 'utf8')).toMatch(/## Status coverage[\s\S]*\| showImage \| \d+ \|/);
  });
});
