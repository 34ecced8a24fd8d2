import { beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/checks/finding.js';
import {
  ABSENT,
  attributesHold,
  CREATE_STORED,
  holds,
  PATCH_ATOMIC,
  PATCH_OPS_APPLIED,
  timestampsMoved,
  writeAccepted,
  writeRefused,
} from '../../src/checks/rules/write-read-back.js';
import { valueRefused } from '../../src/checks/situation-checks.js';
import { patchRequest } from '../../src/engine/json-patch.js';
import { patchSteps } from '../../src/engine/patch-walk.js';
import type { Exchange } from '../../src/model/exchange.js';
import { levelOf } from '../../src/model/finding.js';
import type { SpecOperation } from '../../src/model/operation.js';
import type { ErrorSituations } from '../../src/spec/error-situations.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/** The checks of what a write stores: what the suite sent in, findings citing the write's documents out. */
const ctx = { validator: new SchemaValidator() };
let operations: SpecOperation[];
let situations: { ims: ErrorSituations; openstack: ErrorSituations };
beforeAll(async () => {
  const spec = await loadSpec();
  operations = spec.operations;
  situations = { ims: spec.situations, openstack: (await loadSpec(undefined, 'openstack')).situations };
});

const opNamed = (id: string): SpecOperation => operations.find((o) => o.operationId === id) as SpecOperation;
const answer = (status: number, body?: unknown): Exchange => ({
  operation: opNamed('showImage'),
  request: { method: 'GET', url: 'http://t/x', headers: {} },
  response: { status, headers: {}, body, text: body === undefined ? '' : JSON.stringify(body) },
});
const run = (check: Check, exchange: Exchange) => check(exchange, ctx);

describe('what a shown value must be', () => {
  it('takes tags as a set, numbers as their decimal strings, and null or a missing key as absent', () => {
    expect(holds(['b', 'a', 'x'], ['a', 'b'])).toBe(true);
    expect(holds(['a'], ['a', 'b'])).toBe(false);
    expect(holds(2048, '2048')).toBe(true);
    expect(holds('2048', 2048)).toBe(true);
    expect(holds(undefined, 0)).toBe(false);
    expect(holds(null, ABSENT)).toBe(true);
    expect(holds(undefined, ABSENT)).toBe(true);
    expect(holds('', ABSENT)).toBe(false);
  });
});

describe('create-stored and patch-ops-applied', () => {
  it('pass an image showing every value given, fail one value missing (citing the documents), note an error answer as not judged', () => {
    const given = { name: 'n', ims_conformance_note: 'v', tags: ['t'] };
    expect(run(attributesHold(CREATE_STORED)(given, 'On the next GET', 'the create'), answer(200, { ...given, tags: ['t', 'u'] }))).toEqual([]);
    const [f] = run(attributesHold(CREATE_STORED)(given, 'On the next GET', 'the create'), answer(200, { name: 'n', tags: ['t'] }));
    expect(f).toMatchObject({ checkId: 'create-stored', documentedBy: expect.arrayContaining(['otc-native-create-image']) });
    expect(f?.message).toContain('`ims_conformance_note` is absent');
    expect(run(attributesHold(CREATE_STORED)(given, 'x', 'y'), answer(404, {})).map(levelOf)).toEqual(['not-applicable']);
  });

  it('fail a removed attribute still shown, and cut a long value in the message', () => {
    const [f] = run(attributesHold(PATCH_OPS_APPLIED)({ gone: ABSENT }, 'On the next GET', 'the remove'), answer(200, { gone: 'd'.repeat(500) }));
    expect(f?.message).toMatch(/is "d+… \(500 characters\); after the remove, it should be absent/);
  });

  it('fail a documented write that was refused, and a write every reading refuses that was accepted', () => {
    expect(run(writeAccepted(PATCH_OPS_APPLIED)('The add'), answer(200, {}))).toEqual([]);
    expect(run(writeAccepted(PATCH_OPS_APPLIED)('The add'), answer(409, {}))).toHaveLength(1);
    expect(run(writeRefused(PATCH_ATOMIC)('The remove', 'it names nothing'), answer(409, {}))).toEqual([]);
    expect(run(writeRefused(PATCH_ATOMIC)('The remove', 'it names nothing'), answer(400, {}))).toEqual([]);
    expect(run(writeRefused(PATCH_ATOMIC)('The remove', 'it names nothing'), answer(200, {}))[0]?.checkId).toBe('patch-atomic');
  });
});

describe('patch-timestamps', () => {
  const before = { created_at: '2026-01-01T10:00:00Z', updated_at: '2026-01-01T10:00:00Z' };
  it('passes a later updated_at with the same created_at; fails an unmoved updated_at or a moved created_at', () => {
    expect(run(timestampsMoved(before, 'x'), answer(200, { created_at: before.created_at, updated_at: '2026-01-01T10:00:02Z' }))).toEqual([]);
    expect(run(timestampsMoved(before, 'x'), answer(200, { ...before }))).toHaveLength(1);
    expect(run(timestampsMoved(before, 'x'), answer(200, { created_at: '2026-01-01T10:00:02Z', updated_at: '2026-01-01T10:00:02Z' }))).toHaveLength(1);
    expect(run(timestampsMoved(before, 'x'), answer(200, { created_at: before.created_at }))).toHaveLength(1);
  });
});

describe('value-bounds refusals', () => {
  const refused = (code: string) => ({ error: { code, message: 'refused' } });
  it('take the invalid-value row of the table: 400 with its IMG codes under ims, 400 under openstack', () => {
    expect(run(valueRefused(situations.ims), answer(400, refused('IMG.0004')))).toEqual([]);
    expect(run(valueRefused(situations.ims), answer(400, refused('IMG.0054')))).toEqual([]);
    expect(run(valueRefused(situations.ims), answer(400, refused('IMG.0028')))).toHaveLength(1);
    expect(run(valueRefused(situations.ims), answer(200, {}))).toHaveLength(1);
    expect(run(valueRefused(situations.openstack), answer(400, { message: 'too long' }))).toEqual([]);
    expect(run(valueRefused(situations.openstack), answer(409, {}))[0]?.documentedBy).toEqual(expect.arrayContaining(['glance-api-ref-images']));
  });
});

describe('the patch walk', () => {
  it('writes each operation in the dialect its operation documents: Glance v2.1, or IMS with a string value on every op', () => {
    const ops = [
      { op: 'add' as const, attribute: 'a', value: 'v' },
      { op: 'remove' as const, attribute: 'b' },
    ];
    expect(patchRequest(opNamed('updateImage'), 'id', ops)).toEqual({
      params: { image_id: 'id' },
      mediaType: 'application/openstack-images-v2.1-json-patch',
      body: [
        { op: 'add', path: '/a', value: 'v' },
        { op: 'remove', path: '/b' },
      ],
    });
    expect(patchRequest(opNamed('updateCloudImage'), 'id', [...ops, { op: 'replace', attribute: 'min_ram', value: 2048 }]).body).toEqual([
      { op: 'add', path: '/a', value: 'v' },
      { op: 'remove', path: '/b', value: '' },
      { op: 'replace', path: '/min_ram', value: '2048' },
    ]);
  });

  it('takes every op on a custom attribute and the name, an atomicity probe, and the bounds; the IMS update also min_ram and the description', () => {
    const glance = patchSteps('run', 'glance');
    const ops = new Set(glance.flatMap((s) => s.ops.map((o) => `${o.op} ${o.attribute}`)));
    for (const op of ['add ims_conformance_note', 'replace ims_conformance_note', 'remove ims_conformance_note', 'replace name', 'add name'])
      expect(ops, op).toContain(op);
    expect(glance.map((s) => s.rule.checkId)).toEqual(expect.arrayContaining(['patch-ops-applied', 'patch-atomic', 'value-bounds']));
    expect(glance.filter((s) => s.refusal === 'must').map((s) => s.what)).toEqual(['a name of 256 characters']);
    const ims = patchSteps('run', 'ims');
    expect(ims.flatMap((s) => s.ops.map((o) => o.attribute))).toEqual(expect.arrayContaining(['min_ram', '__description']));
    expect(ims.filter((s) => s.refusal === 'must')).toHaveLength(4);
  });
});
