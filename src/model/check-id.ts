/**
 * The ids of every check the suite reports, in the catalogue's order (src/checks/catalogue.ts gives each one its
 * title, what must hold and its documents). Here, in the model, so findings, outcomes and the mock's fault
 * catalogue can name a check only by an id that exists; the catalogue is held to this list entry for entry.
 */
export const CHECK_IDS = [
  'status-documented',
  'status-expected',
  'content-type',
  'response-schema',
  'response-headers',
  'no-server-error',
  'valid-input-accepted',
  'invalid-input-rejected',
  'auth-missing',
  'auth-invalid',
  'iam-denied',
  'iam-allowed',
  'unknown-id-404',
  'tenant-isolation',
  'ep-isolation',
  'created-readable',
  'use-after-delete',
  'async-job-completes',
  'pagination',
  'sharing-semantics',
  'patch-applied',
  'protected-undeletable',
  'upload-integrity',
  'upload-conflict',
  'list-query',
  'member-status-visible',
  'batch-members-applied',
  'ep-migrated',
  'create-stored',
  'patch-ops-applied',
  'patch-atomic',
  'patch-timestamps',
  'value-bounds',
  'server-image-named',
  'served-schema-describes',
  'versions-served',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** What a result is reported under: a check, or a suite file that crashed before any of its checks could report. */
export type ResultCheckId = CheckId | 'suite';

const KNOWN: ReadonlySet<string> = new Set(CHECK_IDS);

export const isCheckId = (id: string): id is CheckId => KNOWN.has(id);
