import { citing } from '../../../checks/rules/effect-finding.js';
import { everyItemMatches, LIST_QUERY, sortedBy } from '../../../checks/rules/list-query.js';
import type { SpecOperation } from '../../../spec/operations.js';
import { LifecycleCommand } from './command.js';
import { listing } from './listing-check.js';
import { liveImages, type LifecycleModel } from './model.js';
import type { LifecycleSystem, Rule } from './system.js';

const FILTER_HINT = 'A list honours each documented filter: an image matching them all is listed, one that does not match is not.';

/** Whether a list operation documents a query parameter (filters are only sent where the contract offers them). */
const offers = (op: SpecOperation, name: string): boolean => op.parameters.some((p) => p.in === 'query' && p.name === name);

/** The lists `list-query` is judged on: those documenting the exact `name` and `status` filters. */
export const filterableLists = (lists: readonly SpecOperation[]): SpecOperation[] => lists.filter((o) => offers(o, 'name') && offers(o, 'status'));

/**
 * The owner lists with filters the model can answer (its image's exact name and status, then the other status)
 * and with a sort key both ways: the model's image must be listed exactly when it matches, every listed image
 * must match, and the order must be the one asked (`list-query`). Observes only: it changes nothing.
 */
export class ListQueryCommand extends LifecycleCommand {
  override readonly observesOnly = true;

  check(model: Readonly<LifecycleModel>): boolean {
    return liveImages(model).length > 0;
  }

  protected label(): string {
    return `list-filtered(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(liveImages(model));
    this.resolved = `list-filtered(${image.id} "${image.name}" ${image.status})`;
    const other = image.status === 'active' ? 'queued' : 'active';
    const rules: Rule[] = [];
    for (const op of filterableLists(system.ops.lists)) {
      const matching = { name: image.name, status: image.status };
      const hit = await system.send(op, system.who.owner, { query: { ...matching, limit: 100 } });
      const miss = await system.send(op, system.who.owner, { query: { name: image.name, status: other, limit: 100 } });
      rules.push(
        { exchange: hit, checkId: 'list-query', check: citing(LIST_QUERY.documents, listing({ checkId: 'list-query', imageId: image.id, listed: true, because: `it has that name and status ${image.status}`, hint: FILTER_HINT })) },
        { exchange: hit, checkId: 'list-query', check: everyItemMatches(matching) },
        { exchange: miss, checkId: 'list-query', check: citing(LIST_QUERY.documents, listing({ checkId: 'list-query', imageId: image.id, listed: false, because: `its status is ${image.status}, not ${other}`, hint: FILTER_HINT })) },
        { exchange: miss, checkId: 'list-query', check: everyItemMatches({ name: image.name, status: other }) },
      );
      if (!offers(op, 'sort_key') || !offers(op, 'sort_dir')) continue;
      for (const dir of ['asc', 'desc'] as const) {
        const sorted = await system.send(op, system.who.owner, { query: { sort_key: 'created_at', sort_dir: dir, limit: 100 } });
        rules.push({ exchange: sorted, checkId: 'list-query', check: sortedBy('created_at', dir) });
      }
    }
    system.judge(rules);
  }
}
