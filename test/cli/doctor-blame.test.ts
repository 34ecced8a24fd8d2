import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import type { ContractConfig } from '../../mock/suite-config.js';
import { imsConformance } from '../support/run-cli.js';

/**
 * Doctor blames the right thing in the common mistakes of a first real-cloud run (issue 25): each case is the
 * built CLI against the embedded mock, or against a small local server standing in for a wrong host, and the
 * line it prints.
 */
const dir = mkdtempSync(join(tmpdir(), 'imsc-doctor-blame-'));
let mock: RunningMock;
/** Everything 404s, as a base URL with a wrong path or another service's host does. */
let nothing: Server;
/** The mock's image service without its identity service, as Huawei Cloud's and OTC's IMS hosts are. */
let imsOnly: Server;

const urlOf = (server: Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function listen(server: Server): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  mock = await startMock({ jobDelayMs: 20 });
  nothing = await listen(
    createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error_msg":"not found"}');
    }),
  );
  imsOnly = await listen(
    createServer(async (req, res) => {
      if (req.url?.startsWith('/v3')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error_msg":"not found"}');
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host')) as Record<string, string>;
      const answer = await fetch(`${mock.url}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
    }),
  );
});
afterAll(async () => {
  await mock.close();
  nothing.close();
  imsOnly.close();
});

function configFile(plant: (c: ContractConfig) => void): string {
  const contract = structuredClone(mock.config);
  plant(contract);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(contract));
  return file;
}

/** The doctor's table rows as `item  status  detail` (the column padding squeezed to two spaces). */
function rows(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => / {2}(ok|warn|fail|cannot-check) {2,}/.test(l))
    .map((l) => l.replace(/ {2,}/g, '  ').trimEnd());
}
const failing = (stdout: string): string[] => rows(stdout).filter((l) => l.split('  ')[1] === 'fail');

async function doctor(plant: (c: ContractConfig) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return imsConformance(['doctor', '--config', configFile(plant)], { timeoutMs: 60_000 });
}

describe('doctor blames the right thing', () => {
  it('password sign-in without endpoints.iam (Huawei Cloud and OTC serve IAM on a host of its own): "set endpoints.iam", not the password', async () => {
    const run = await doctor((c) => {
      c.target = urlOf(imsOnly);
      c.endpoints = { compute: urlOf(imsOnly) } as ContractConfig['endpoints'];
      delete c.principals.akskReader;
    });
    expect(run.code).toBe(1);
    expect(failing(run.stdout)).toContain(
      'endpoints.iam  fail  not set: password sign-ins (passwordReader) would go to the target host, and the identity checks are skipped; set endpoints.iam (e.g. https://iam.{region}.myhuaweicloud.com; `ims-conformance init --region` writes them)',
    );
    expect(rows(run.stdout)).toContain(
      'principal passwordReader: signs in  cannot-check  not tried: it signs in at endpoints.iam, which is not set (see that line)',
    );
    expect(run.stdout).not.toMatch(/credentials/);
  });

  it('endpoints.iam pointing at a host that is no identity service is named', async () => {
    const run = await doctor((c) => {
      c.target = urlOf(imsOnly);
      c.endpoints = { compute: urlOf(imsOnly), iam: urlOf(imsOnly) };
      // AK/SK signs the Host header, which the stand-in changes on its way to the mock.
      delete c.principals.akskReader;
    });
    expect(failing(run.stdout)).toEqual([
      `endpoints.iam  fail  ${urlOf(imsOnly)} answered GET /v3 with 404, not Keystone’s version document: it is no identity service; set endpoints.iam (e.g. https://iam.{region}.myhuaweicloud.com; \`ims-conformance init --region\` writes them)`,
    ]);
  });

  it('endpoints.compute pointing at a host that is no compute service is named', async () => {
    const run = await doctor((c) => {
      c.endpoints.compute = urlOf(nothing);
    });
    expect(failing(run.stdout)).toContain(
      `endpoints.compute  fail  ${urlOf(nothing)} answered GET / with 404, not the versions of a compute (ECS / Nova) service; set endpoints.compute (e.g. https://ecs.{region}.myhuaweicloud.com; \`ims-conformance init --region\` writes them)`,
    );
  });

  it('a wrong top-level projectId is one line naming projectId, and valid AK/SK keys are never called expired', async () => {
    const run = await doctor((c) => {
      c.projectId = '0123456789abcdef0123456789abcdef';
    });
    const actual = mock.config.projectId;
    expect(failing(run.stdout)).toEqual([
      `projectId  fail  is 0123456789abcdef0123456789abcdef, but owner, reader, none, noDelete, epAdmin, headersReader act in project ${actual}: set projectId to ${actual}`,
    ]);
    expect(run.stdout).not.toMatch(/expired/);
    expect(run.stdout).not.toMatch(/principals\.\w+\.projectId/);
  });

  it('a base URL that answers 404 to everything is the target being wrong, not IAM policies', async () => {
    const run = await doctor((c) => {
      c.target = urlOf(nothing);
    });
    expect(run.code).toBe(1);
    expect(failing(run.stdout)).toEqual([
      `target ${urlOf(nothing)}  fail  GET / answered 404 without the versions document an image service serves: \`target\` is not the IMS base URL (e.g. https://ims.{region}.myhuaweicloud.com; \`ims-conformance init --region\` writes them)`,
    ]);
    expect(run.stdout).not.toMatch(/attach its policy/);
  });

  it('https:// to a plain-HTTP port is one clean line (no OpenSSL text breaking the table)', async () => {
    const https = mock.url.replace('http://', 'https://');
    const run = await doctor((c) => {
      c.target = https;
    });
    expect(failing(run.stdout)).toEqual([
      `target ${https}  fail  \`target\` says https:// but the port answers plain HTTP: use http://, or the port that serves HTTPS`,
    ]);
    // Title, header, rule, one row, totals: nothing else.
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(5);
    expect(run.stdout).not.toMatch(/ssl|openssl/i);
  });

  it('with member removed it says the member is missing and what is skipped, never "stranger missing"', async () => {
    const run = await doctor((c) => {
      delete c.principals.member;
    });
    expect(failing(run.stdout)).toEqual([
      'a member in another project  fail  principals.member is missing: stranger plays the member, so no principal is left in a third project and tenant-isolation would be skipped; add principals.member with its projectId',
    ]);
    expect(run.stdout).not.toMatch(/a stranger in a third project/);
  });

  it('with owner removed: one line that the config needs principals.owner', async () => {
    const run = await doctor((c) => {
      delete (c.principals as Partial<ContractConfig['principals']>).owner;
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'ims-conformance doctor: config: principals.owner is required: it owns every image the run creates (`ims-conformance init` writes one)\n',
    );
  });
});
