import fc from 'fast-check';
import { AcceptShareCommand } from './accept-share-command.js';
import type { LifecycleCommand } from './command.js';
import { CreateImageCommand } from './create-image-command.js';
import { DeleteImageCommand } from './delete-image-command.js';
import { ListAsMemberCommand } from './list-as-member-command.js';
import { ListQueryCommand } from './list-query-command.js';
import { MemberAddsMemberCommand } from './member-adds-member-command.js';
import { MemberRemovesMemberCommand } from './member-removes-member-command.js';
import type { LifecycleOps } from './operations.js';
import { OwnerSetsStatusCommand } from './owner-sets-status-command.js';
import { ProtectedDeleteCommand } from './protected-delete-command.js';
import { ReadDeletedCommand } from './read-deleted-command.js';
import { RejectShareCommand } from './reject-share-command.js';
import { RemoveMemberCommand } from './remove-member-command.js';
import { RenameImageCommand } from './rename-image-command.js';
import { ReuploadCommand } from './reupload-command.js';
import { ShareImageCommand } from './share-image-command.js';
import { UploadImageCommand } from './upload-image-command.js';

/** Commands per generated sequence: long enough for create → share → accept → delete → read, short enough to shrink fast. */
export const MAX_COMMANDS = 12;

/** What the run can do: sharing needs the member operations and a member principal; removal its own operation. */
export interface Capabilities {
  rename: boolean;
  sharing: boolean;
  removal: boolean;
}

export const capabilitiesOf = (ops: LifecycleOps, hasMember: boolean): Capabilities => ({
  rename: ops.rename !== undefined,
  sharing: hasMember && ops.addMember !== undefined && ops.updateMember !== undefined,
  removal: hasMember && ops.addMember !== undefined && ops.removeMember !== undefined,
});

const pick = fc.nat({ max: 3 });

/**
 * One command, weighted so that sequences get somewhere: every sequence already starts with a create, so
 * shares (which most sharing commands need) and delete → read-deleted are drawn most. Tuned on the mock over
 * 20 seeds × 10 runs: generated sequences alone then find the use-after-delete and owner-sets-status faults in
 * about 4 seeds of 5 (the fixed walks catch the rest). Only what the run can do is generated, so a run without
 * a member principal never draws a sharing command.
 */
export function lifecycleCommand(can: Capabilities): fc.Arbitrary<LifecycleCommand> {
  const weighted: { arbitrary: fc.Arbitrary<LifecycleCommand>; weight: number }[] = [
    { arbitrary: fc.constant(null).map(() => new CreateImageCommand()), weight: 1 },
    { arbitrary: pick.map((p) => new UploadImageCommand(p)), weight: 1 },
    { arbitrary: pick.map((p) => new DeleteImageCommand(p)), weight: 2 },
    { arbitrary: pick.map((p) => new ReadDeletedCommand(p)), weight: 3 },
    { arbitrary: pick.map((p) => new ReuploadCommand(p)), weight: 1 },
    { arbitrary: pick.map((p) => new ListQueryCommand(p)), weight: 1 },
  ];
  if (can.rename)
    weighted.push(
      { arbitrary: fc.tuple(pick, fc.nat({ max: 9 })).map(([p, v]) => new RenameImageCommand(p, v)), weight: 1 },
      { arbitrary: pick.map((p) => new ProtectedDeleteCommand(p)), weight: 1 },
    );
  if (can.sharing)
    weighted.push(
      { arbitrary: pick.map((p) => new ShareImageCommand(p)), weight: 4 },
      { arbitrary: pick.map((p) => new AcceptShareCommand(p)), weight: 2 },
      { arbitrary: pick.map((p) => new RejectShareCommand(p)), weight: 1 },
      { arbitrary: fc.constant(null).map(() => new ListAsMemberCommand()), weight: 2 },
      { arbitrary: fc.tuple(pick, fc.constantFrom('accepted' as const, 'rejected' as const)).map(([p, s]) => new OwnerSetsStatusCommand(p, s)), weight: 2 },
      { arbitrary: pick.map((p) => new MemberAddsMemberCommand(p)), weight: 1 },
    );
  if (can.removal)
    weighted.push(
      { arbitrary: pick.map((p) => new RemoveMemberCommand(p)), weight: 1 },
      { arbitrary: pick.map((p) => new MemberRemovesMemberCommand(p)), weight: 1 },
    );
  return fc.oneof(...weighted);
}

/**
 * The fixed walks, run after the generated sequences: together they take the whole lifecycle once, so every
 * rule is judged whatever the seed drew. A walk goes on past a deviation (the model took what the target did), so
 * one broken rule never hides the next; the forbidden moves have a walk of their own, so a target that allows one
 * still has its share states and deletes judged on the states the documents give.
 */
export function lifecycleWalks(can: Capabilities): { name: string; commands: LifecycleCommand[] }[] {
  // Rules of effect ride on the image walk: a read after every write (rename, protect, a refused second upload)
  // and the filters the model can answer, once queued and once active.
  const images: LifecycleCommand[] = [new CreateImageCommand(), new ListQueryCommand(0), new UploadImageCommand()];
  if (can.rename) images.push(new RenameImageCommand(0, 0));
  images.push(new ListQueryCommand(1), new ReuploadCommand(), new DeleteImageCommand(), new ReadDeletedCommand());
  const walks = [{ name: 'the fixed image walk', commands: images }];
  // On an image of its own: a target that deletes a protected image must not take the image walk's image with it.
  if (can.rename) walks.push({ name: 'the fixed protected-delete walk', commands: [new CreateImageCommand(), new ProtectedDeleteCommand()] });
  if (!can.sharing) return walks;

  const sharing: LifecycleCommand[] = [
    new CreateImageCommand(),
    new UploadImageCommand(),
    new ShareImageCommand(),
    new ListAsMemberCommand(), // pending: readable, not listed
    new AcceptShareCommand(),
    new ListAsMemberCommand(), // accepted: listed
    new RejectShareCommand(),
    new ListAsMemberCommand(), // rejected: readable, not listed
  ];
  if (can.removal) sharing.push(new RemoveMemberCommand(), new ListAsMemberCommand() /* removed: 404, not listed */, new ShareImageCommand());
  // Deleted while accepted: the member must lose it from its lists too.
  sharing.push(new AcceptShareCommand(), new DeleteImageCommand(), new ReadDeletedCommand(), new ListAsMemberCommand());
  walks.push({ name: 'the fixed sharing walk', commands: sharing });

  const forbidden: LifecycleCommand[] = [new CreateImageCommand(), new ShareImageCommand(), new MemberAddsMemberCommand()];
  if (can.removal) forbidden.push(new MemberRemovesMemberCommand());
  forbidden.push(new OwnerSetsStatusCommand(0, 'accepted'));
  walks.push({ name: 'the fixed forbidden-moves walk', commands: forbidden });
  return walks;
}
