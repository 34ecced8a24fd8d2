import type { SpecOperation } from '../../../model/operation.js';
import { RESPONSE_CONFORMANCE_CHECKS } from '../../../checks/conformance-checks.js';
import { idsOf } from '../../../checks/finding.js';
import { noServerError } from '../../../checks/scenario-checks.js';
import type { CheckId } from '../../../model/check-id.js';
import { besides } from '../../json-patch.js';

/**
 * The operations the lifecycle drives, found by their `x-roles`. Rename and member removal have no role of
 * their own: they are the PATCH beside `image.show` and the DELETE beside `member.update` (same path), so the
 * suite still names no operation id and follows the spec wherever it moves them.
 */
export interface LifecycleOps {
  create: SpecOperation;
  upload: SpecOperation;
  show: SpecOperation;
  /** Every `image.list` operation: a rule about "listed" holds for each of them. */
  lists: SpecOperation[];
  delete: SpecOperation;
  rename: SpecOperation | undefined;
  addMember: SpecOperation | undefined;
  updateMember: SpecOperation | undefined;
  removeMember: SpecOperation | undefined;
  /** The owner's reads of memberships: GET beside the member update and beside the member add. */
  showMember: SpecOperation | undefined;
  listMembers: SpecOperation | undefined;
  /** The data download (an `x-probe`, `image.download`): the upload's bytes read back, when the spec has it. */
  download: SpecOperation | undefined;
}

const byRole = (all: readonly SpecOperation[], role: string): SpecOperation | undefined => all.find((o) => o.roles.includes(role));

/**
 * The lifecycle's operations, or undefined when the spec lacks one it cannot do without. `probes` are the reads
 * outside the tables it may use too (never reported under their own ids).
 */
export function lifecycleOps(all: readonly SpecOperation[], probes: readonly SpecOperation[] = []): LifecycleOps | undefined {
  const [create, upload, show, del] = ['image.create', 'image.upload', 'image.show', 'image.delete'].map((r) => byRole(all, r));
  const lists = all.filter((o) => o.roles.includes('image.list'));
  if (!create || !upload || !show || !del || lists.length === 0) return undefined;
  const updateMember = byRole(all, 'member.update');
  return {
    create,
    upload,
    show,
    lists,
    delete: del,
    rename: besides(all, show, 'patch'),
    addMember: byRole(all, 'member.add'),
    updateMember,
    removeMember: besides(all, updateMember, 'delete'),
    showMember: besides(all, updateMember, 'get'),
    listMembers: besides(all, byRole(all, 'member.add'), 'get'),
    download: byRole(probes, 'image.download'),
  };
}

/** Whether a list operation documents a query parameter (filters are only sent where the contract offers them). */
export const offers = (op: SpecOperation, name: string): boolean => op.parameters.some((p) => p.in === 'query' && p.name === name);

/** The lists `list-query` is judged on: those documenting the exact `name` and `status` filters. */
export const filterableLists = (lists: readonly SpecOperation[]): SpecOperation[] => lists.filter((o) => offers(o, 'name') && offers(o, 'status'));

/** Checks every exchange is held to, reported under their own ids. */
export const EXCHANGE_CHECKS = [...RESPONSE_CONFORMANCE_CHECKS, noServerError];

/**
 * The check ids the lifecycle reports for one operation: conformance for every exchange, plus the lifecycle
 * rules whose exchanges that operation answers (a rule is reported where it can break).
 */
export function lifecycleChecks(op: SpecOperation, ops: LifecycleOps): CheckId[] {
  const is = (other: SpecOperation | undefined): boolean => other?.operationId === op.operationId;
  const rules: CheckId[] = [];
  const reads = is(ops.show) || ops.lists.some(is);
  if (reads) rules.push('created-readable', 'use-after-delete', 'sharing-semantics');
  // Rules of effect, reported where the exchange that shows the effect (or refuses it) is answered.
  if (is(ops.show)) rules.push('upload-integrity', 'upload-conflict', ...(ops.rename ? (['patch-applied', 'protected-undeletable'] as const) : []));
  if (is(ops.rename)) rules.push('patch-applied');
  if (is(ops.delete) && ops.rename) rules.push('protected-undeletable');
  if (is(ops.upload)) rules.push('upload-conflict');
  if (filterableLists(ops.lists).some(is)) rules.push('list-query');
  if (is(ops.showMember) || is(ops.listMembers))
    rules.push('use-after-delete', ...(ops.addMember && ops.updateMember ? (['member-status-visible'] as const) : []));
  // A step the model expects to succeed is held to the documented success status.
  if (is(ops.upload) || is(ops.rename) || is(ops.delete)) rules.push('use-after-delete', 'status-expected');
  if (is(ops.addMember) || is(ops.updateMember) || is(ops.removeMember)) rules.push('use-after-delete', 'sharing-semantics');
  return rules.length === 0 ? [] : [...idsOf(EXCHANGE_CHECKS), ...rules];
}
