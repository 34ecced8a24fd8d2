import { defineCheck, notApplicable } from '../../../checks/finding.js';
import { attributesAre } from '../../../checks/rules/patch-applied.js';
import { stillThere } from '../../../checks/rules/protected-image.js';
import { protectedDeleteRefused } from '../../../checks/situation-checks.js';
import { statusExpected } from '../../../checks/scenario-checks.js';
import { LifecycleCommand } from './command.js';
import { imageDeleted, liveImages, type LifecycleModel } from './model.js';
import { patchSpec } from '../../json-patch.js';
import type { LifecycleSystem, Rule } from './system.js';

/**
 * The owner protects a live image, tries to delete it (refused, and the image stays), then unprotects it. The
 * command leaves the image as it found it, so the model does not change (unless the target deleted it after all);
 * unprotecting comes before any verdict, so a deviation never leaves a protected image behind that the run could
 * not clean up.
 */
export class ProtectedDeleteCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return liveImages(model).length > 0;
  }

  protected label(): string {
    return `delete-protected(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const op = system.ops.rename;
    if (!op) return;
    const image = this.choose(liveImages(model));
    this.resolved = `delete-protected(${image.id})`;
    const { owner } = system.who;
    const id = { image_id: image.id };
    const protect = await system.send(op, owner, patchSpec(op, image.id, 'protected', true));
    if (protect.response.status >= 300) {
      // A contract may keep `protected` read-only to callers (IMS: name, description and custom attributes only).
      const why = `the target did not let the owner set protected (PATCH answered ${protect.response.status}), so the rule could not be tried`;
      system.judge([
        {
          exchange: protect,
          checkId: 'protected-undeletable',
          check: defineCheck('protected-undeletable', (e) => [notApplicable(e, 'protected-undeletable', why)]),
        },
      ]);
      return;
    }
    const deleted = await system.send(system.ops.delete, owner, { params: id });
    const shown = await system.send(system.ops.show, owner, { params: id });
    const rules: Rule[] = [
      { exchange: protect, checkId: 'patch-applied', check: attributesAre({ protected: true }, 'In the PATCH answer') },
      { exchange: deleted, checkId: 'protected-undeletable', check: protectedDeleteRefused(system.ctx.spec.situations) },
      { exchange: shown, checkId: 'protected-undeletable', check: stillThere },
      { exchange: shown, checkId: 'patch-applied', check: attributesAre({ protected: true }, 'On the next GET') },
    ];
    // A target that deleted it anyway has nothing left to unprotect: the model takes the delete.
    if (shown.response.status === 404) imageDeleted(image);
    else {
      const unprotect = await system.send(op, owner, patchSpec(op, image.id, 'protected', false));
      rules.push({ exchange: unprotect, checkId: 'status-expected', check: statusExpected(op.successStatuses) });
    }
    system.judge(rules);
  }
}
