import type { CheckId } from '../../src/model/check-id.js';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { Exchange } from '../../src/model/exchange.js';
import { listedImageIds, newestFirstQuery, notListed } from '../../src/engine/list-probes.js';
import { outcomeOf, type ProbeResult } from '../../src/engine/probe-outcomes.js';
import { asProject } from '../../src/engine/scenarios/canonical-request.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

const op = (parameters: SpecOperation['parameters'] = []): SpecOperation =>
  ({ operationId: 'listThings', pointer: '#/paths/~1things/get', parameters }) as unknown as SpecOperation;
const exchange = (status: number, body: unknown): Exchange => ({
  operation: op(),
  request: { method: 'GET', url: 'http://x/things', headers: {} },
  response: { status, headers: {}, body, text: JSON.stringify(body) },
});
const finding = (checkId: CheckId): Finding => ({ checkId, operationId: 'listThings', title: 't', message: 'm', hint: 'h', specRef: '#' });
const judgedProbe = (label: string, findings: Finding[] = []): ProbeResult => ({
  kind: 'judged',
  label,
  findings,
  ran: new Set(['iam-denied', 'iam-allowed', 'unknown-id-404'] as const),
  exchange: exchange(200, {}),
});

describe('folding probes into one outcome per check', () => {
  it('fails when any probe found something, with only the failing exchanges', () => {
    const outcome = outcomeOf('iam-denied', [judgedProbe('a'), judgedProbe('b', [finding('iam-denied')]), { kind: 'error', message: 'down' }], 'none');
    expect(outcome.status).toBe('failed');
    expect(outcome.exchanges).toHaveLength(1);
  });

  it('reports an error over passes, since a probe went unjudged', () => {
    expect(outcomeOf('iam-denied', [judgedProbe('a'), { kind: 'error', message: 'reader: timeout' }], 'none')).toMatchObject({
      status: 'error',
      message: 'reader: timeout',
    });
  });

  it('passes naming what it probed, and skips with the reasons or the fallback when nothing was judged', () => {
    expect(outcomeOf('iam-allowed', [judgedProbe('reader'), { kind: 'skipped', reason: 'x' }], 'none')).toMatchObject({
      status: 'passed',
      message: 'probed: reader',
    });
    expect(outcomeOf('iam-allowed', [{ kind: 'skipped', reason: 'aksk' }], 'none')).toMatchObject({ status: 'skipped', message: 'aksk' });
    expect(outcomeOf('iam-allowed', [], 'nobody to probe')).toMatchObject({ status: 'skipped', message: 'nobody to probe' });
  });
});

describe('list probes', () => {
  it('asks for the newest images first, on the largest page the list documents', () => {
    const params = [
      { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 500 } },
      { name: 'sort_key', in: 'query' },
    ] as SpecOperation['parameters'];
    expect(newestFirstQuery(op(params))).toEqual({ limit: 500, sort_key: 'created_at' });
    expect(newestFirstQuery(op())).toEqual({});
  });

  it('finds a hidden image in a list answer, and tells an unreadable answer apart', () => {
    const check = notListed('tenant-isolation', 'img-1', 'listed', 'hide it');
    const ctx = { validator: new SchemaValidator() };
    expect(check(exchange(200, { images: [{ id: 'img-1' }] }), ctx).map((f) => f.checkId)).toEqual(['tenant-isolation']);
    expect(check(exchange(200, { images: [{ id: 'img-2' }] }), ctx)).toEqual([]);
    expect(listedImageIds(exchange(500, 'oops'))).toBeUndefined();
  });

  it('puts the prober’s own project in a project_id path parameter', () => {
    const withProject = op([{ name: 'project_id', in: 'path' }] as SpecOperation['parameters']);
    expect(asProject(withProject, { params: { project_id: 'p1', job_id: 'j' } }, 'p2').params).toEqual({ project_id: 'p2', job_id: 'j' });
    expect(asProject(op(), { params: {} }, 'p2').params).toEqual({});
  });
});
