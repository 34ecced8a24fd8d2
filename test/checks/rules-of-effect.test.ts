import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/checks/finding.js';
import { levelOf } from '../../src/model/finding.js';
import { batchExpectations, membersAsJobLeft } from '../../src/checks/rules/batch-members.js';
import { inEnterpriseProject } from '../../src/checks/rules/ep-migration.js';
import { everyItemMatches, sizesWithin, sortedBy } from '../../src/checks/rules/list-query.js';
import { memberSeesOnlyItself, ownerSeesMemberStatus } from '../../src/checks/rules/member-status.js';
import { attributesAre } from '../../src/checks/rules/patch-applied.js';
import { stillThere } from '../../src/checks/rules/protected-image.js';
import { protectedDeleteRefused } from '../../src/checks/situation-checks.js';
import type { ErrorSituations } from '../../src/spec/error-situations.js';
import { reuploadRefused, uploadedDataMatches } from '../../src/checks/rules/upload-effects.js';
import type { Exchange } from '../../src/model/exchange.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/** The rule-of-effect checks are pure: an exchange and what the model predicts in, findings (citing documents) out. */
const ctx = { validator: new SchemaValidator() };
let op: SpecOperation;
let situations: { ims: ErrorSituations; openstack: ErrorSituations };
beforeAll(async () => {
  const spec = await loadSpec();
  op = spec.operations.find((o) => o.operationId === 'showImage') as SpecOperation;
  situations = { ims: spec.situations, openstack: (await loadSpec(undefined, 'openstack')).situations };
});

const answer = (status: number, body?: unknown): Exchange => ({
  operation: op,
  request: { method: 'GET', url: 'http://t/x', headers: {} },
  response: { status, headers: {}, body, text: body === undefined ? '' : JSON.stringify(body) },
});
const run = (check: Check, exchange: Exchange) => check(exchange, ctx);
const BYTES = Buffer.from('some image bytes');
const md5 = createHash('md5').update(BYTES).digest('hex');
const sha512 = createHash('sha512').update(BYTES).digest('hex');

describe('patch-applied', () => {
  it('passes an image showing the patched value, fails (citing the update documents) one that does not, notes an error as not judged', () => {
    expect(run(attributesAre({ name: 'new' }, 'On the next GET'), answer(200, { name: 'new' }))).toEqual([]);
    const [f] = run(attributesAre({ name: 'new' }, 'On the next GET'), answer(200, { name: 'old' }));
    expect(f).toMatchObject({ checkId: 'patch-applied', documentedBy: expect.arrayContaining(['otc-native-update-image', 'rfc6902']) });
    expect(f?.message).toContain('"old"');
    expect(run(attributesAre({ name: 'new' }, 'x'), answer(404, { error: {} })).map(levelOf)).toEqual(['not-applicable']);
  });
});

describe('protected-undeletable', () => {
  it('accepts 400 IMG.0028 or 403 for the DELETE under ims, 403 alone under openstack, and 200 for the read after; anything else fails', () => {
    const protectedError = { error: { code: 'IMG.0028', message: 'The image in the request is protected.' } };
    expect(run(protectedDeleteRefused(situations.ims), answer(400, protectedError))).toEqual([]);
    expect(run(protectedDeleteRefused(situations.ims), answer(403))).toEqual([]);
    expect(run(protectedDeleteRefused(situations.ims), answer(400, { error: { code: 'IMG.0001', message: 'x' } }))).toHaveLength(1);
    expect(run(protectedDeleteRefused(situations.ims), answer(409))).toHaveLength(1);
    expect(run(protectedDeleteRefused(situations.openstack), answer(403))).toEqual([]);
    expect(run(protectedDeleteRefused(situations.openstack), answer(400, protectedError))).toHaveLength(1);
    expect(run(protectedDeleteRefused(situations.ims), answer(204))[0]?.documentedBy).toContain('otc-error-codes');
    expect(run(stillThere, answer(200, {}))).toEqual([]);
    expect(run(stillThere, answer(404))).toHaveLength(1);
  });
});

describe('upload-integrity', () => {
  const strict = uploadedDataMatches({ bytes: BYTES, strict: true });
  const lenient = uploadedDataMatches({ bytes: BYTES, strict: false });
  it('passes the size, MD5 and os_hash_value of the bytes sent', () => {
    expect(run(strict, answer(200, { size: BYTES.length, checksum: md5, os_hash_algo: 'sha512', os_hash_value: sha512 }))).toEqual([]);
  });
  it('fails a wrong or missing size on Glance’s reading, and makes a wrong one an advisory where IMS says "not used"', () => {
    expect(run(strict, answer(200, { size: BYTES.length - 1, checksum: md5 })).map(levelOf)).toEqual(['failure']);
    expect(run(strict, answer(200, { size: null, checksum: null })).map(levelOf)).toEqual(['failure', 'failure']);
    expect(run(lenient, answer(200, { size: BYTES.length - 1, checksum: md5 })).map(levelOf)).toEqual(['advisory']);
    expect(run(lenient, answer(200, { size: null, checksum: null }))).toEqual([]);
  });
  it('fails a wrong os_hash_value for the algorithm the image names', () => {
    expect(run(strict, answer(200, { size: BYTES.length, checksum: md5, os_hash_algo: 'sha512', os_hash_value: 'beef' }))).toHaveLength(1);
  });
});

describe('upload-conflict', () => {
  it('passes only 409 for an upload into an active image', () => {
    expect(run(reuploadRefused, answer(409))).toEqual([]);
    expect(run(reuploadRefused, answer(204))[0]).toMatchObject({ checkId: 'upload-conflict', documentedBy: expect.arrayContaining(['glance-api-ref-data']) });
  });
});

describe('list-query', () => {
  it('fails a listed image that does not carry the filtered value', () => {
    expect(run(everyItemMatches({ status: 'active' }), answer(200, { images: [{ id: 'a', status: 'active' }] }))).toEqual([]);
    expect(run(everyItemMatches({ status: 'active' }), answer(200, { images: [{ id: 'a', status: 'queued' }] }))[0]?.message).toContain('"queued"');
    expect(run(everyItemMatches({ tag: 'run-1' }), answer(200, { images: [{ id: 'a', tags: ['x', 'run-1'] }] }))).toEqual([]);
    expect(run(everyItemMatches({ tag: 'run-1' }), answer(200, { images: [{ id: 'a', tags: ['x'] }] }))).toHaveLength(1);
  });
  it('fails an order against sort_dir, judging only present values', () => {
    const list = answer(200, { images: [{ created_at: '2026-01-01T00:00:00Z' }, { created_at: null }, { created_at: '2026-01-02T00:00:00Z' }] });
    expect(run(sortedBy('created_at', 'asc'), list)).toEqual([]);
    expect(run(sortedBy('created_at', 'desc'), list)).toHaveLength(1);
  });
});

describe('member-status-visible', () => {
  it('reads the status from a member body or from the member’s entry in a list', () => {
    const check = ownerSeesMemberStatus('p2', 'accepted');
    expect(run(check, answer(200, { member_id: 'p2', status: 'accepted' }))).toEqual([]);
    expect(run(check, answer(200, { members: [{ member_id: 'p2', status: 'accepted' }] }))).toEqual([]);
    expect(run(check, answer(200, { members: [{ member_id: 'p2', status: 'pending' }] }))[0]?.message).toContain('"pending"');
    expect(run(check, answer(200, { members: [] }))[0]?.message).toContain('does not show p2');
  });
});

describe('a member’s own member list (sharing-semantics)', () => {
  it('holds its own entry alone, with its status; other projects or a wrong status fail, citing Glance’s sharing page', () => {
    const check = memberSeesOnlyItself('p2', 'pending');
    expect(run(check, answer(200, { members: [{ member_id: 'p2', status: 'pending' }] }))).toEqual([]);
    const leaked = run(
      check,
      answer(200, {
        members: [
          { member_id: 'p3', status: 'pending' },
          { member_id: 'p2', status: 'pending' },
        ],
      }),
    );
    expect(leaked[0]?.message).toBe('Member p2 lists the members: it shows ["p3"] besides itself.');
    expect(leaked[0]?.documentedBy).toContain('glance-api-ref-sharing');
    expect(run(check, answer(200, { members: [{ member_id: 'p2', status: 'accepted' }] }))[0]?.message).toContain('not "pending"');
    expect(run(check, answer(200, { members: [] }))[0]?.message).toContain('its own entry is missing');
  });
});

describe('an answer a rule of effect cannot judge', () => {
  it('is a not-applicable note, never an empty (passing) verdict', () => {
    const checks: Check[] = [
      attributesAre({ name: 'new' }, 'x'),
      ownerSeesMemberStatus('p2', 'accepted'),
      memberSeesOnlyItself('p2', 'accepted'),
      uploadedDataMatches({ bytes: BYTES, strict: true }),
      everyItemMatches({ status: 'active' }),
      sortedBy('size', 'desc'),
      sizesWithin(1, 2),
      membersAsJobLeft([{ imageId: 'i1', project: 'p2', want: 'present' }]),
      inEnterpriseProject('ep-1', 'x'),
    ];
    for (const check of checks) {
      const notes = run(check, answer(500, { error: { code: 'X' } }));
      expect(notes.map(levelOf)).toEqual(['not-applicable']);
      expect(notes[0]?.message).toContain('500');
    }
  });
});

describe('batch-members-applied', () => {
  const added = { images: ['i1'], projects: ['p2', 'p3'] };
  it('expects each pair the request named, less the pairs the job reports as not done', () => {
    expect(batchExpectations('add', added, { status: 'SUCCESS' })).toEqual([
      { imageId: 'i1', project: 'p2', want: 'present' },
      { imageId: 'i1', project: 'p3', want: 'present' },
    ]);
    const job = { entities: { results: [{ image_id: 'i1', project_id: 'p3', status: 'failed' }] } };
    expect(batchExpectations('remove', added, job)).toEqual([{ imageId: 'i1', project: 'p2', want: 'absent' }]);
    // The OTC example's rows name no project: such a row speaks for every project of its image.
    expect(batchExpectations('add', added, { entities: { results: [{ image_id: 'i1', status: 'failed' }] } })).toEqual([]);
    expect(batchExpectations('update', { images: ['i1'], project_id: 'p2', status: 'rejected' }, {})).toEqual([
      { imageId: 'i1', project: 'p2', want: 'rejected' },
    ]);
  });
  it('fails a member list that does not show what the SUCCESS job did, citing the batch documents', () => {
    const list = (members: unknown[]) => answer(200, { members });
    expect(run(membersAsJobLeft([{ imageId: 'i1', project: 'p2', want: 'present' }]), list([{ member_id: 'p2', status: 'pending' }]))).toEqual([]);
    const [missing] = run(membersAsJobLeft([{ imageId: 'i1', project: 'p2', want: 'present' }]), list([]));
    expect(missing).toMatchObject({ checkId: 'batch-members-applied', documentedBy: expect.arrayContaining(['otc-batch-add-members']) });
    expect(missing?.message).toContain('does not show it');
    expect(run(membersAsJobLeft([{ imageId: 'i1', project: 'p2', want: 'absent' }]), list([{ member_id: 'p2' }]))[0]?.message).toContain('still shows it');
    expect(run(membersAsJobLeft([{ imageId: 'i1', project: 'p2', want: 'accepted' }]), list([{ member_id: 'p2', status: 'pending' }]))[0]?.message).toContain(
      '"pending"',
    );
  });
});

describe('ep-migrated', () => {
  it('passes an image in the enterprise project the PATCH moved it to, fails one still elsewhere', () => {
    expect(run(inEnterpriseProject('ep-1', 'On the next GET'), answer(200, { enterprise_project_id: 'ep-1' }))).toEqual([]);
    const [f] = run(inEnterpriseProject('ep-1', 'On the next GET'), answer(200, { enterprise_project_id: '0' }));
    expect(f).toMatchObject({ checkId: 'ep-migrated', documentedBy: expect.arrayContaining(['otc-updating-an-image']) });
    expect(f?.message).toContain('"0"');
  });
});
