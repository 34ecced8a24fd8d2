import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './package-root.js';
import type { Profile } from './profile-overlay.js';

/**
 * The error-situation table (spec/error-situations.yaml): per situation the documents give an error for, the
 * answers each profile accepts. Checks bound to a situation take their expectation from here, so what IMS
 * documents (400 with an IMG code) and what Glance documents stay data, each answer with its sources.
 */

/** One accepted answer: its status and, where the answer is an IMS error body, the codes one of which it must carry. */
export interface DocumentedAnswer {
  status: number;
  codes?: string[];
  sources: string[];
}

export interface ErrorSituation {
  id: string;
  situation: string;
  operations: string[];
  /** Catalogue checks that judge it (empty: documented for the reader and the mock only). */
  checks: string[];
  ims: DocumentedAnswer[];
  openstack: DocumentedAnswer[];
  note?: string;
}

/** What one situation accepts under one profile. */
export interface SituationExpectation {
  id: string;
  situation: string;
  profile: Profile;
  answers: DocumentedAnswer[];
}

export const defaultErrorSituationsPath = (): string => join(packageRoot(), 'spec', 'error-situations.yaml');

const ANSWER = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'sources'],
  properties: {
    status: { type: 'integer', minimum: 400, maximum: 599 },
    codes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^IMG\\.[0-9]{4}$' } },
    sources: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  },
} as const;

/** The shape of spec/error-situations.yaml. */
export const ERROR_SITUATIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['situations'],
  properties: {
    situations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'situation', 'operations', 'checks', 'ims', 'openstack'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          situation: { type: 'string', minLength: 1 },
          operations: { type: 'array', minItems: 1, items: { type: 'string' } },
          checks: { type: 'array', items: { type: 'string' } },
          // Every situation is an error IMS documents; Glance may document none (an empty list says so).
          ims: { type: 'array', minItems: 1, items: ANSWER },
          openstack: { type: 'array', items: ANSWER },
          note: { type: 'string' },
        },
      },
    },
  },
} as const;

const validateShape = new Ajv2020({ allErrors: true, strict: true }).compile(ERROR_SITUATIONS_SCHEMA);

/** The situations of a parsed table, or an error naming each problem of its shape and each repeated id. */
export function readErrorSituations(parsed: unknown, where = 'spec/error-situations.yaml'): ErrorSituation[] {
  if (!validateShape(parsed)) {
    const problems = (validateShape.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new Error(`${where} is malformed:\n  ${problems.join('\n  ')}`);
  }
  const rows = (parsed as { situations: ErrorSituation[] }).situations;
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) throw new Error(`${where}: situation ${row.id} is listed twice`);
    seen.add(row.id);
  }
  return rows;
}

export function loadErrorSituations(path: string = defaultErrorSituationsPath()): ErrorSituation[] {
  return readErrorSituations(parse(readFileSync(path, 'utf8')), path);
}

/** The table read for one profile: what each situation accepts in the run. */
export class ErrorSituations {
  constructor(
    readonly rows: readonly ErrorSituation[],
    readonly profile: Profile,
  ) {}

  /** The answers a situation accepts under this profile; an unknown id is a suite bug and throws. */
  expect(id: string): SituationExpectation {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new Error(`no error situation "${id}" in spec/error-situations.yaml`);
    return { id, situation: row.situation, profile: this.profile, answers: row[this.profile] };
  }

  /** The IMS codes the ims profile's 400 answers of a situation name (the codes that read as that situation). */
  imsCodes(id: string): string[] {
    const row = this.rows.find((r) => r.id === id);
    return row ? row.ims.flatMap((a) => a.codes ?? []) : [];
  }
}

/** The IMS error code an answer's body carries (`{"error":{"code"}}`), if any. */
export function imsCodeOf(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The documented answer a status and body match: same status, and one of its codes where it names codes. A HEAD
 * answer has no body to read a code from (`bodiless`), so there the status alone decides.
 */
export function matchingAnswer(answers: readonly DocumentedAnswer[], status: number, body: unknown, bodiless = false): DocumentedAnswer | undefined {
  const code = imsCodeOf(body);
  return answers.find((a) => a.status === status && (a.codes === undefined || bodiless || (code !== undefined && a.codes.includes(code))));
}

/** "400 with IMG.0028, or 403" — how the accepted answers read in a finding. */
export function describeAnswers(answers: readonly DocumentedAnswer[]): string {
  if (answers.length === 0) return 'no documented answer';
  return answers.map((a) => (a.codes ? `${a.status} with ${a.codes.join('/')}` : String(a.status))).join(', or ');
}
