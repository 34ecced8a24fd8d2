import type { CheckId } from './check-id.js';

/**
 * What a check says of one exchange. By default a breach of the contract (`failure`); `advisory` when the
 * expectation broken is the spec's own reading where the documents are silent or disagree (shown, never failing
 * unless `--strict`); `not-applicable` when there was nothing the check could judge (e.g. a body check on a status
 * the spec does not document): a note, never counted as passed.
 */
export type FindingLevel = 'failure' | 'advisory' | 'not-applicable';

/** One thing a check found. Data, so reports can group, count and replay it. */
export interface Finding {
  /** Stable check id, e.g. `response-schema`; waivers and baselines key on `operationId/checkId`. */
  checkId: CheckId;
  operationId: string;
  /** Stable short title, e.g. "undocumented status code". */
  title: string;
  /** What was documented next to what was received. */
  message: string;
  /** One line on what to fix. */
  hint: string;
  /** JSON pointer into the spec. */
  specRef: string;
  /** Absent = failure. */
  level?: FindingLevel;
  /** Ids of the documents (spec/sources/documents.yaml) the broken expectation rests on. */
  documentedBy?: string[];
}

export const levelOf = (f: Finding): FindingLevel => f.level ?? 'failure';
export const isFailure = (f: Finding): boolean => levelOf(f) === 'failure';
