import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isCheckId } from '../../src/checks/catalogue.js';
import { SITUATION_CHECKS } from '../../src/checks/situation-checks.js';
import type { Exchange } from '../../src/model/exchange.js';
import type { SpecOperation } from '../../src/model/operation.js';
import {
  defaultErrorSituationsPath,
  ErrorSituations,
  loadErrorSituations,
  readErrorSituations,
  type DocumentedAnswer,
  type ErrorSituation,
} from '../../src/spec/error-situations.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { Profile } from '../../src/spec/profile-overlay.js';
import { loadDocuments } from '../../src/spec/provenance.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/**
 * The error-situation table (spec/error-situations.yaml) is data the checks read: its shape is validated, every
 * answer is sourced, and every check bound to a situation follows its row — a copy of the table with a row's
 * answers changed changes what the check accepts, so a check with its own hard-coded statuses fails here.
 */
const rows = loadErrorSituations();
const ctx = { validator: new SchemaValidator() };
let operations: SpecOperation[];
beforeAll(async () => {
  operations = (await loadSpec()).operations;
});

const answerOf = (operationId: string, method: string, status: number, code?: string): Exchange => {
  const operation = operations.find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`no ${operationId}`);
  const body = method === 'HEAD' ? undefined : { error: { code: code ?? 'IMG.0001', message: 'refused' } };
  return {
    operation,
    request: { method, url: 'http://t/x', headers: {} },
    response: { status, headers: { 'content-type': 'application/json' }, body, text: body ? JSON.stringify(body) : '' },
  };
};

/** The copied table with one situation's answers under one profile replaced. */
const altered = (id: string, profile: Profile, answers: DocumentedAnswer[]): ErrorSituations =>
  new ErrorSituations(
    rows.map((r): ErrorSituation => (r.id === id ? { ...r, [profile]: answers } : r)),
    profile,
  );

describe('the error-situation table (spec/error-situations.yaml)', () => {
  it('has the documented shape, each id once', () => {
    expect(() => readErrorSituations(parse(readFileSync(defaultErrorSituationsPath(), 'utf8')))).not.toThrow();
    expect(() => readErrorSituations({ situations: [{ id: 'x', situation: 'y', operations: ['a'], checks: [], ims: [], openstack: [] }] })).toThrow(
      /ims must NOT have fewer than 1 items/,
    );
    expect(() => readErrorSituations({ situations: [{ ...rows[0], ims: [{ status: 400, codes: ['E1'], sources: ['x'] }] }] })).toThrow(/pattern/);
    expect(() => readErrorSituations({ situations: [rows[0], rows[0]] })).toThrow(/listed twice/);
  });

  it('sources every answer with documents of spec/sources/documents.yaml', () => {
    const documents = loadDocuments();
    const unknown = rows.flatMap((r) => [...r.ims, ...r.openstack].flatMap((a) => a.sources.filter((s) => !documents.has(s)).map((s) => `${r.id}: ${s}`)));
    expect(unknown).toEqual([]);
  });

  it('names operations of the spec and checks of the catalogue', () => {
    const ids = new Set(operations.map((o) => o.operationId));
    expect(rows.flatMap((r) => r.operations.filter((o) => o !== 'all' && !ids.has(o)).map((o) => `${r.id}: ${o}`))).toEqual([]);
    expect(rows.flatMap((r) => r.checks.filter((c) => !isCheckId(c)).map((c) => `${r.id}: ${c}`))).toEqual([]);
  });

  it('gives every IMS code HTTP 400 (IMG.0026 also 403), as the error-code table does', () => {
    const off = rows.flatMap((r) =>
      r.ims.filter((a) => a.codes && a.status !== 400 && !(a.status === 403 && a.codes.every((c) => c === 'IMG.0026'))).map((a) => `${r.id}: ${a.status}`),
    );
    expect(off).toEqual([]);
  });

  it('binds every situation a check reads to that check, and no check to a situation the table lacks', () => {
    const bound = rows.filter((r) => r.checks.length > 0);
    expect(Object.keys(SITUATION_CHECKS).sort()).toEqual(bound.map((r) => r.id).sort());
    for (const row of bound) expect(row.checks, row.id).toEqual([SITUATION_CHECKS[row.id]?.checkId]);
  });
});

describe.each(Object.entries(SITUATION_CHECKS))('the %s check reads its row of the table', (id, binding) => {
  const judge = (situations: ErrorSituations, status: number, code?: string): number =>
    binding.build(situations)(answerOf(binding.operationId, binding.method, status, code), ctx).length;

  it.each(['ims', 'openstack'] as const)('under %s: accepts each documented answer, and follows a changed row', (profile) => {
    const table = new ErrorSituations(rows, profile);
    for (const a of table.expect(id).answers) expect(judge(table, a.status, a.codes?.[0]), `${a.status} ${a.codes?.[0] ?? ''}`).toBe(0);
    const first = table.expect(id).answers[0];
    if (first) expect(judge(altered(id, profile, [{ status: 418, sources: ['rfc9110'] }]), first.status, first.codes?.[0])).toBe(1);
    expect(judge(altered(id, profile, [{ status: 418, sources: ['rfc9110'] }]), 418)).toBe(0);
    expect(judge(table, 200)).toBe(1);
  });

  it('under ims: a 400 without one of the row’s codes is not the documented answer', () => {
    const table = new ErrorSituations(rows, 'ims');
    const coded = table.expect(id).answers.find((a) => a.status === 400 && a.codes);
    if (!coded) return;
    expect(judge(table, 400, 'IMG.9999')).toBe(1);
  });
});
