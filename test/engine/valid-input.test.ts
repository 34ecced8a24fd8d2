import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { validValue } from '../../generators/schema-arbitrary.js';
import { validInputAccepted } from '../../src/checks/scenario-checks.js';
import { loadConfig } from '../../src/config/load-config.js';
import { applyBindings } from '../../src/engine/bindings.js';
import type { Exchange } from '../../src/model/exchange.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { generatedInputFamily, validInputExclusion, validInputParts, validQuerySchema } from '../../src/engine/scenarios/generated-input.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

let operations: SpecOperation[];
const validator = new SchemaValidator();
const op = (id: string): SpecOperation => operations.find((o) => o.operationId === id)!;

beforeAll(async () => {
  ({ operations } = await loadSpec());
});

describe('which operations get generated valid requests', () => {
  it('every operation with a query or a JSON body gets them, or is excluded with the reason', () => {
    const covered = operations
      .filter((o) => validInputParts(o))
      .map((o) => o.operationId)
      .sort();
    const excluded = Object.fromEntries(
      operations.flatMap((o) =>
        validInputExclusion(o) && (o.parameters.some((p) => p.in === 'query') || o.requestBody) ? [[o.operationId, validInputExclusion(o)]] : [],
      ),
    );
    process.stdout.write(`valid-input-accepted: ${covered.length} operations: ${covered.join(', ')}\nexcluded: ${JSON.stringify(excluded, null, 1)}\n`);
    expect(covered).toEqual(expect.arrayContaining(['createImage', 'listImages', 'listCloudImages', 'updateImageMember']));
    expect(Object.keys(excluded)).toEqual(
      expect.arrayContaining(['deleteImage', 'updateImage', 'updateCloudImage', 'createToken', 'createCloudImage', 'exportImage', 'batchAddMembers']),
    );
    for (const reason of Object.values(excluded)) expect(String(reason).length).toBeGreaterThan(40);
    // A scenario per covered operation reports the check.
    for (const id of covered)
      expect(
        generatedInputFamily(op(id), operations).some((s) => s.checks.includes('valid-input-accepted')),
        id,
      ).toBe(true);
  });

  it('leaves out a marker and draws time filters as times, as the parameters are described', () => {
    const schema = validQuerySchema(op('listImages'))!;
    expect(Object.keys(schema.properties)).not.toContain('marker');
    for (const query of fc.sample(validValue(schema, validator), { numRuns: 30, seed: 4 }) as Record<string, unknown>[])
      if (query.created_at) expect(query.created_at).toMatch(/^(gt|gte|lt|lte|eq|neq):20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('generated create bodies stay valid once bound: the run id names and tags them, and they are never protected', () => {
    const create = op('createImage');
    const parts = validInputParts(create)!;
    const documented = create.requestBody!.content['application/json']!.schema as object;
    for (const body of fc.sample(validValue(parts.body!.schema, validator), { numRuns: 30, seed: 9 })) {
      const bound = applyBindings(body, create.bindings, { runId: 'imsc-0000beef', fixtures: {}, project: {} });
      if (!bound.ok) throw new Error(bound.missing);
      const sent = bound.body as { name: string; tags: string[]; protected?: boolean };
      expect(validator.validate(documented, sent).errors).toEqual([]);
      expect(sent.name).toBe('imsc-0000beef-metadata');
      expect(sent.tags[0]).toBe('imsc-0000beef');
      expect(sent.protected ?? false).toBe(false);
    }
  });
});

describe('valid-input-accepted', () => {
  const answered = (status: number): Exchange => ({
    operation: op('listImages'),
    request: { method: 'GET', url: 'http://t/v2/images?__os_type=Linux', headers: {} },
    response: { status, headers: {}, body: undefined, text: '' },
  });

  it.each([
    [200, 0],
    [201, 0],
    [204, 0],
    [400, 1],
    [404, 1],
    [409, 1],
    [500, 1],
  ])('a valid request answered %i → %i finding(s)', (status, count) => {
    expect(validInputAccepted(answered(status), { validator })).toHaveLength(count);
  });
});

describe('a target that rejects a valid optional filter', () => {
  const run = (faults: string[]) => runSuite(loadConfig({ seed: '11', runs: '5', only: ['listImages/'] }, {}), { mock: { faults } });

  it('fails valid-input-accepted with the generated query as counterexample and a replay line', async () => {
    const outcome = await run(['rejects-valid-optional-field']);
    const failed = outcome.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id)).toEqual(['listImages/valid-input-accepted']);
    expect(failed[0]?.message).toMatch(/__os_type/);
    expect(failed[0]?.message).toMatch(/replay: --seed 11 --only listImages\/valid-input-accepted/);
  }, 60_000);

  it('passes on the clean mock, where every generated valid query is accepted', async () => {
    const outcome = await run([]);
    expect(outcome.results.find((r) => r.id === 'listImages/valid-input-accepted')?.status).toBe('passed');
  }, 60_000);
});

describe('the printed replay line reproduces the failure on the first try', () => {
  it('--seed and --only of the line fail the same check with the same counterexample', async () => {
    const config = (only: string[]) => loadConfig({ seed: '11', runs: '5', only }, {});
    const whole = await runSuite(config(['listImages/', 'createImage/']), { mock: { faults: ['rejects-valid-optional-field'] } });
    const failure = whole.results.find((r) => r.id === 'listImages/valid-input-accepted' && r.status === 'failed');
    const only = /--only (\S+)/.exec(failure?.message ?? '')?.[1];
    expect(only).toBe('listImages/valid-input-accepted');
    const replayed = await runSuite(config([only!]), { mock: { faults: ['rejects-valid-optional-field'] } });
    const again = replayed.results.find((r) => r.id === only);
    expect(again?.status).toBe('failed');
    const counterexample = (m: string | undefined) => /Counterexample[^:]*: (.*?)\. replay/.exec(m ?? '')?.[1];
    expect(counterexample(again?.message)).toBe(counterexample(failure?.message));
  }, 120_000);
});

describe('the mock accepts what the narrowed generators send', () => {
  // Under ims the generators keep to the IMS pages; under openstack they also send Glance's values. Every
  // personality must accept them, or the default run would fail a valid request. (The alternative personality
  // takes IMS readings, such as the SDK's min_disk floor of 40, which a Glance create body need not keep to, so
  // under openstack it is held to the list only.)
  const cases: ['ims' | 'openstack', 'default' | 'alternative', string[]][] = [
    ['ims', 'default', ['listImages', 'listCloudImages', 'createImage']],
    ['ims', 'alternative', ['listImages', 'listCloudImages', 'createImage']],
    ['openstack', 'default', ['listImages', 'createImage']],
    ['openstack', 'alternative', ['listImages']],
  ];
  it.each(cases)(
    '%s profile, %s personality: valid-input-accepted passes on %j',
    async (profile, variant, ids) => {
      const only = ids.map((id) => `${id}/valid-input-accepted`);
      const outcome = await runSuite(loadConfig({ seed: '22', runs: '25', only, profile }, {}), { mock: { variant } });
      const results = outcome.results.filter((r) => only.includes(r.id));
      expect(results.map((r) => r.id).sort()).toEqual([...only].sort());
      for (const r of results) expect(`${r.id}: ${r.status} ${r.message ?? ''}`).toBe(`${r.id}: passed ${r.message ?? ''}`);
    },
    120_000,
  );
});
