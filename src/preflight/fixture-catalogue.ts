import type { SpecOperation } from '../model/operation.js';

/**
 * The fixtures a run can use: which operations need each (read from the spec's `x-precondition.fixtures`, never
 * listed here) and what it must be on the cloud (what the operation's documented request does with it).
 */
export interface FixtureRole {
  name: string;
  /** What must exist, in which state, for the operations to succeed. */
  mustBe: string;
  /** Operations whose documented request binds it. */
  operations: string[];
}

const MUST_BE: Record<string, string> = {
  serverId: 'an ECS of the owner’s project, STOPPED (SHUTOFF): IMS makes system images only of stopped servers',
  imageUrl: '"bucket:object" of an image file (qcow2/vhd/zvhd2…) in OBS that the owner can read',
  dataImageUrl: '"bucket:object" of a data-disk image file in OBS that the owner can read',
  exportBucket: 'an OBS bucket the owner can write to: exported image files land there, named after the run id',
  backupId: 'an AVAILABLE CBR (or CSBS) backup of a server in the owner’s project',
};

/** Every fixture some operation binds, with the operations binding it (ascending by name). */
export function fixtureCatalogue(operations: readonly SpecOperation[]): FixtureRole[] {
  const byFixture = new Map<string, string[]>();
  for (const op of operations) for (const f of op.precondition.fixtures ?? []) byFixture.set(f, [...(byFixture.get(f) ?? []), op.operationId]);
  return [...byFixture.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, ops]) => ({ name, operations: ops, mustBe: MUST_BE[name] ?? 'what the operations named here bind it to (see their x-bindings)' }));
}
