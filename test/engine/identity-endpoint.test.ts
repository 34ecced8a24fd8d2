import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/cli/in-process-run.js';
import type { Config } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { unconfiguredEndpoint } from '../../src/engine/unconfigured-endpoint.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { startMock } from '../../mock/start-mock.js';

/**
 * Keystone's `GET /v3` and the token call belong to the identity service: they are judged at `endpoints.iam` only.
 * A config that names none (a Glance without Keystone, header identities) must not send them to the image host.
 */
const IDENTITY_OPERATIONS = ['showIdentityVersion', 'createToken'];

describe('identity calls without endpoints.iam', () => {
  it('names the missing endpoint for the identity operations of the spec, and nothing else', async () => {
    const { operations } = await loadSpec();
    const iam = operations.filter((o) => o.endpoint === 'iam').map((o) => o.operationId);
    expect(iam).toEqual(expect.arrayContaining(IDENTITY_OPERATIONS));
    for (const op of operations) {
      const reason = unconfiguredEndpoint(op, { endpoints: {} });
      if (op.endpoint === 'iam') expect(reason, op.operationId).toMatch(/^endpoints\.iam is not configured: /);
      else expect(reason, op.operationId).toBeUndefined();
      expect(unconfiguredEndpoint(op, { endpoints: { iam: 'http://127.0.0.1:5000' } })).toBeUndefined();
    }
  });
});

describe('a run against a target whose config names no identity endpoint', () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  beforeAll(async () => {
    mock = await startMock({ jobDelayMs: 20 });
  });
  afterAll(() => mock.close());

  const configFor = (endpoints: Config['endpoints']): Config => {
    const flags = { seed: '2', runs: '2', only: IDENTITY_OPERATIONS.map((id) => `${id}/`) };
    const c = mock.config;
    return {
      ...loadConfig(flags, {}),
      target: c.target,
      endpoints,
      projectId: c.projectId,
      principals: c.principals as Config['principals'],
      fixtures: c.fixtures,
    };
  };

  it('skips GET /v3 and the token call with the reason, neither failing nor passing them', async () => {
    const outcome = await runSuite(configFor({ compute: mock.config.target }));
    const identity = outcome.results.filter((r) => IDENTITY_OPERATIONS.includes(r.operationId));
    expect(new Set(identity.map((r) => r.operationId))).toEqual(new Set(IDENTITY_OPERATIONS));
    for (const r of identity) {
      expect(r.status, r.id).toBe('skipped');
      expect(r.message, r.id).toMatch(/endpoints\.iam is not configured/);
    }
  }, 60_000);

  it('judges them when endpoints.iam names the identity service', async () => {
    const outcome = await runSuite(configFor({ compute: mock.config.target, iam: mock.config.endpoints.iam }));
    const judged = outcome.results.filter((r) => r.status === 'passed').map((r) => r.id);
    expect(judged).toEqual(
      expect.arrayContaining(['showIdentityVersion/status-expected', 'showIdentityVersion/status-documented', 'createToken/status-expected']),
    );
    expect(outcome.results.filter((r) => r.status === 'failed' || r.status === 'error')).toEqual([]);
  }, 60_000);
});
