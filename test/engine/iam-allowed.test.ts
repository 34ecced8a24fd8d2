import { beforeAll, describe, expect, it } from 'vitest';
import { iamAllowed } from '../../src/checks/scenario-checks.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Exchange } from '../../src/model/exchange.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

let showImage: SpecOperation;
const ctx = { validator: new SchemaValidator() };

beforeAll(async () => {
  showImage = (await loadSpec()).operations.find((o) => o.operationId === 'showImage')!;
});

const answered = (status: number): Exchange => ({
  operation: showImage,
  request: { method: 'GET', url: 'http://t/v2/images/x', headers: {} },
  response: { status, headers: { 'content-type': 'application/json' }, body: undefined, text: '' },
});

describe('iam-allowed demands the documented success for a principal the tables allow', () => {
  it.each([
    [200, []],
    [404, ['Expected 200; received 404.']],
    [403, ['Expected 200; received 403.']],
    [401, ['Expected 200; received 401.']],
    [204, ['Expected 200; received 204.']],
  ])('showImage (documents 200) answering %i → %j', (status, messages) => {
    expect(iamAllowed(showImage.successStatuses)(answered(status), ctx).map((f) => f.message)).toEqual(messages);
  });

  it('accepts any of several documented successes', () => {
    expect(iamAllowed([200, 202])(answered(202), ctx)).toEqual([]);
  });
});

describe('a target that hides images from allowed users of the owning project', () => {
  const run = (faults: string[]) => runSuite(loadConfig({ seed: '3', runs: '2', only: ['showImage/'] }, {}), { mock: { faults } });

  it('fails iam-allowed on the 404 — and only iam-allowed', async () => {
    const outcome = await run(['hides-images-from-project-peers']);
    const failed = outcome.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id)).toEqual(['showImage/iam-allowed']);
    expect(failed[0]?.message).toMatch(/reader \(allowed\): Expected 200; received 404/);
  }, 60_000);

  it('passes iam-allowed on the clean mock, probing the allowed principals', async () => {
    const outcome = await run([]);
    const allowed = outcome.results.find((r) => r.id === 'showImage/iam-allowed');
    expect(allowed?.status).toBe('passed');
    expect(allowed?.message).toMatch(/probed: reader \(allowed\)/);
  }, 60_000);
});
