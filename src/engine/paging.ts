/**
 * Marker/limit paging through a list call, and what a correct pager guarantees. Kept free of the run context
 * so the rules are tested on their own.
 */

export interface PageAnswer {
  response: { status: number; body: unknown };
}

export type Fetched<E extends PageAnswer> = { ok: true; exchange: E } | { ok: false; kind: 'skip' | 'error'; message: string };

export interface SeenPage<E extends PageAnswer> {
  status: number;
  /** Ids of the page's items, in order. */
  ids: string[];
  exchange: E;
}

export interface Walk<E extends PageAnswer> {
  pages: SeenPage<E>[];
  /** last: the list ended; status: a page was not 200; repeat: a page repeated the previous one; bound: too many pages. */
  end: 'last' | 'status' | 'repeat' | 'bound' | 'aborted';
  aborted?: { kind: 'skip' | 'error'; message: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The ids of a list answer's items: the `images` array (or the first array the body holds). */
export function itemIds(body: unknown): string[] {
  if (!isObject(body)) return [];
  const items = Array.isArray(body.images) ? body.images : Object.values(body).find(Array.isArray);
  return (items ?? []).map((i: unknown) => (isObject(i) ? i.id : undefined)).filter((id: unknown): id is string => typeof id === 'string');
}

/** The query of a `next` link (relative or absolute); the path stays the operation's own. */
export function nextQuery(next: string): Record<string, string> {
  return Object.fromEntries(new URL(next, 'http://next.invalid').searchParams);
}

/**
 * Pages through a list: follows `next` when the answer has it (Glance), else asks for `marker=<last id>`
 * (IMS cloudimages has no links). Stops at an empty page, at the end the answer signals (no `next` in a
 * linked list, a short page in an unlinked one), at a page repeating the previous one, or after `maxPages`.
 */
export async function walkPages<E extends PageAnswer>(
  fetch: (query: Record<string, unknown>) => Promise<Fetched<E>>,
  filter: Record<string, unknown>,
  limit: number,
  maxPages: number,
): Promise<Walk<E>> {
  const pages: SeenPage<E>[] = [];
  let query: Record<string, unknown> = { ...filter, limit };
  for (let n = 0; n < maxPages; n++) {
    const reply = await fetch(query);
    if (!reply.ok) return { pages, end: 'aborted', aborted: { kind: reply.kind, message: reply.message } };
    const { status, body } = reply.exchange.response;
    const ids = status === 200 ? itemIds(body) : [];
    pages.push({ status, ids, exchange: reply.exchange });
    if (status !== 200) return { pages, end: 'status' };
    const previous = pages.at(-2);
    // A marker that does not advance would repeat forever; one repeat is enough to judge.
    if (previous && ids.some((id) => previous.ids.includes(id))) return { pages, end: 'repeat' };
    const linked = isObject(body) && ('next' in body || 'first' in body);
    const next = isObject(body) && typeof body.next === 'string' ? body.next : undefined;
    if (ids.length === 0) return { pages, end: 'last' };
    if (next) query = nextQuery(next);
    else if (linked || ids.length < limit) return { pages, end: 'last' };
    else query = { ...filter, limit, marker: ids.at(-1) };
  }
  return { pages, end: 'bound' };
}

const short = (id: string): string => id.slice(0, 8);

/**
 * What the walk shows the pager got wrong: a page over the limit, a page repeating the previous one (the
 * marker did not advance), an image listed twice, a page that failed, no end in sight, or expected images
 * (the run's own, created for this) never listed. Empty when paging is correct.
 */
export function judgePages<E extends PageAnswer>(walk: Walk<E>, expected: readonly string[], limit: number, maxPages: number): string[] {
  const problems: string[] = [];
  const firstPage = new Map<string, number>();
  walk.pages.forEach((page, i) => {
    const n = i + 1;
    if (page.status !== 200) problems.push(`page ${n} answered ${page.status}`);
    if (page.ids.length > limit) problems.push(`page ${n} holds ${page.ids.length} items, more than limit=${limit}`);
    const previous = walk.pages[i - 1];
    const repeated = previous ? page.ids.filter((id) => previous.ids.includes(id)) : [];
    if (repeated.length > 0) problems.push(`page ${n} repeats ${repeated.map(short).join(', ')} of page ${n - 1}: the marker did not advance`);
    for (const id of page.ids) {
      const first = firstPage.get(id);
      if (first === undefined) firstPage.set(id, n);
      else if (!repeated.includes(id)) problems.push(`${short(id)} is listed on page ${first} and again on page ${n}`);
    }
  });
  if (walk.end === 'bound') problems.push(`paging did not end within ${maxPages} pages`);
  if (walk.end === 'last') {
    const missing = expected.filter((id) => !firstPage.has(id));
    if (missing.length > 0)
      problems.push(`${missing.length} of the ${expected.length} images created for this never appeared: ${missing.map(short).join(', ')}`);
  }
  return problems;
}

/** The pages as a message shows them: `[ab12cd34, ef56…] [..]`. */
export function pageSummary<E extends PageAnswer>(walk: Walk<E>): string {
  return walk.pages.map((p) => (p.status === 200 ? `[${p.ids.map(short).join(', ')}]` : `(${p.status})`)).join(' ');
}

const nextOf = (body: unknown): string | undefined => (isObject(body) && typeof body.next === 'string' ? body.next : undefined);

/**
 * What the links of a filtered walk get wrong (the native list page: `first` is the URL of the first page, `next`
 * that of the next one, absent on the last page): a page listing an image the walk's filter excludes (its `next`
 * dropped the query), or a page shorter than `limit`, the last, carrying a `next` that leads to an empty page. A
 * full page's `next` to an empty page is not judged: whether a page is last is unknown until the next is read
 * (Glance links every full page). An unlinked list (IMS cloudimages) has nothing here to judge.
 */
export function judgeLinks<E extends PageAnswer>(walk: Walk<E>, expected: readonly string[], limit: number): string[] {
  const problems: string[] = [];
  walk.pages.forEach((page, i) => {
    const foreign = page.ids.filter((id) => !expected.includes(id));
    if (foreign.length > 0) problems.push(`page ${i + 1} lists ${foreign.map(short).join(', ')}, which the query's filter excludes: the link lost the query`);
    const following = walk.pages[i + 1];
    if (nextOf(page.exchange.response.body) && page.ids.length > 0 && page.ids.length < limit && following?.status === 200 && following.ids.length === 0)
      problems.push(`page ${i + 1} holds ${page.ids.length} of limit=${limit} and is the last, yet carries a next link`);
  });
  return problems;
}

/**
 * The `first` link of the walk's last linked page, followed: it must answer the first page's images, in order.
 * Undefined when there is nothing to judge (one page, no `first`, or the first page was not 200).
 */
export async function judgeFirstLink<E extends PageAnswer>(
  walk: Walk<E>,
  fetch: (query: Record<string, unknown>) => Promise<Fetched<E>>,
): Promise<string | undefined> {
  const [head] = walk.pages;
  const linked = [...walk.pages.slice(1)]
    .reverse()
    .find((p) => p.status === 200 && isObject(p.exchange.response.body) && typeof p.exchange.response.body.first === 'string');
  if (head?.status !== 200 || !linked) return undefined;
  const first = (linked.exchange.response.body as { first: string }).first;
  const reply = await fetch(nextQuery(first));
  if (!reply.ok || reply.exchange.response.status !== 200) return undefined;
  const ids = itemIds(reply.exchange.response.body);
  if (ids.join() === head.ids.join()) return undefined;
  return `the first link of page ${walk.pages.indexOf(linked) + 1} (${first}) answers [${ids.map(short).join(', ')}], not the first page [${head.ids.map(short).join(', ')}]`;
}
