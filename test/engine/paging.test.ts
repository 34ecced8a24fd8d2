import { describe, expect, it } from 'vitest';
import { itemIds, judgeFirstLink, judgeLinks, judgePages, nextQuery, walkPages, type Fetched, type PageAnswer } from '../../src/engine/paging.js';

const IDS = ['i1', 'i2', 'i3', 'i4', 'i5'];

interface ListOptions {
  /** Answer `next`/`first` links like Glance (else marker-only like IMS cloudimages). */
  links?: boolean;
  ignoreMarker?: boolean;
  /** Pages one item larger than asked. */
  overLimit?: boolean;
  /** Status of the n-th request (1-based). */
  statusOf?: (n: number) => number;
  /** Links deviating: `next` keeps only limit and marker, `next` on the last page too, `first` keeps the marker. */
  nextDropsFilter?: boolean;
  nextOnLast?: boolean;
  firstKeepsMarker?: boolean;
  /** Images outside the `name=n` filter, listed (after the others) when a query lacks it. */
  others?: readonly string[];
}

/** A list call over `ids` with marker/limit paging, deviating as asked. */
function fakeList(ids: readonly string[], o: ListOptions = {}) {
  const queries: Record<string, unknown>[] = [];
  const fetch = async (query: Record<string, unknown>): Promise<Fetched<PageAnswer>> => {
    queries.push(query);
    const status = o.statusOf?.(queries.length) ?? 200;
    if (status !== 200) return { ok: true, exchange: { response: { status, body: { error: {} } } } };
    const limit = Number(query.limit) + (o.overLimit ? 1 : 0);
    const all = query.name === undefined ? [...ids, ...(o.others ?? [])] : ids;
    const start = typeof query.marker === 'string' && !o.ignoreMarker ? all.indexOf(query.marker) + 1 : 0;
    const page = all.slice(start, start + limit);
    const body: Record<string, unknown> = { images: page.map((id) => ({ id, name: 'n' })) };
    if (o.links) {
      body.first = `/v2/images?name=n&limit=${query.limit}${o.firstKeepsMarker && query.marker ? `&marker=${query.marker}` : ''}`;
      const filter = o.nextDropsFilter ? '' : 'name=n&';
      if ((start + limit < all.length || o.nextOnLast) && page.length > 0) body.next = `/v2/images?${filter}limit=${query.limit}&marker=${page.at(-1)}`;
    }
    return { ok: true, exchange: { response: { status: 200, body } } };
  };
  return { fetch, queries };
}

describe('walkPages and judgePages', () => {
  it.each<[string, ListOptions]>([
    ['following next links', { links: true }],
    ['asking for marker=<last id>', {}],
  ])('page through every image exactly once, %s', async (_label, options) => {
    const list = fakeList(IDS, options);
    const walk = await walkPages(list.fetch, { name: 'n' }, 2, 100);
    expect(walk.pages.map((p) => p.ids)).toEqual([['i1', 'i2'], ['i3', 'i4'], ['i5']]);
    expect(walk.end).toBe('last');
    expect(judgePages(walk, IDS, 2, 100)).toEqual([]);
    expect(list.queries[1]).toMatchObject({ name: 'n', limit: options.links ? '2' : 2, marker: 'i2' });
  });

  it('asks once more after a full last page when the list has no links', async () => {
    const walk = await walkPages(fakeList(IDS.slice(0, 4)).fetch, {}, 2, 100);
    expect(walk.pages.map((p) => p.ids)).toEqual([['i1', 'i2'], ['i3', 'i4'], []]);
    expect(judgePages(walk, IDS.slice(0, 4), 2, 100)).toEqual([]);
  });

  it('stops at the first repeated page when the marker is ignored, and says so', async () => {
    const list = fakeList(IDS, { links: true, ignoreMarker: true });
    const walk = await walkPages(list.fetch, {}, 2, 100);
    expect(list.queries).toHaveLength(2);
    expect(walk.end).toBe('repeat');
    expect(judgePages(walk, IDS, 2, 100)).toEqual(['page 2 repeats i1, i2 of page 1: the marker did not advance']);
  });

  it('reports pages over the limit, failing pages and images that never appear', async () => {
    const over = await walkPages(fakeList(IDS, { overLimit: true }).fetch, {}, 2, 100);
    expect(judgePages(over, IDS, 2, 100)).toEqual(['page 1 holds 3 items, more than limit=2']);
    const failing = await walkPages(fakeList(IDS, { statusOf: (n) => (n === 2 ? 500 : 200) }).fetch, {}, 2, 100);
    expect(failing.end).toBe('status');
    expect(judgePages(failing, IDS, 2, 100)).toEqual(['page 2 answered 500']);
    const short = await walkPages(fakeList(IDS.slice(0, 3)).fetch, {}, 2, 100);
    expect(judgePages(short, IDS, 2, 100)).toEqual(['2 of the 5 images created for this never appeared: i4, i5']);
  });

  it('reports an image listed again on a later page, and a list that never ends', async () => {
    const again = await walkPages(fakeList(['a', 'b', 'c', 'd', 'a']).fetch, {}, 2, 100);
    expect(judgePages(again, [], 2, 100)).toEqual(['a is listed on page 1 and again on page 3']);
    let n = 0;
    const endless = async (): Promise<Fetched<PageAnswer>> => ({
      ok: true,
      exchange: { response: { status: 200, body: { images: [{ id: `x${n++}` }, { id: `x${n++}` }] } } },
    });
    const walk = await walkPages(endless, {}, 2, 10);
    expect(walk.pages).toHaveLength(10);
    expect(judgePages(walk, [], 2, 10)).toEqual(['paging did not end within 10 pages']);
  });

  it('stops, without judging, at a call that cannot be made', async () => {
    const walk = await walkPages(async () => ({ ok: false, kind: 'error', message: 'connection refused' }), {}, 2, 100);
    expect(walk).toEqual({ pages: [], end: 'aborted', aborted: { kind: 'error', message: 'connection refused' } });
  });
});

describe('reading list answers', () => {
  it('takes ids from `images`, else from the first array in the body', () => {
    expect(itemIds({ images: [{ id: 'a' }, { name: 'no id' }, { id: 'b' }] })).toEqual(['a', 'b']);
    expect(itemIds({ members: [{ id: 'm' }] })).toEqual(['m']);
    expect(itemIds('not json')).toEqual([]);
  });

  it('reads the query of relative and absolute next links', () => {
    expect(nextQuery('/v2/images?limit=2&marker=abc&name=a%20b')).toEqual({ limit: '2', marker: 'abc', name: 'a b' });
    expect(nextQuery('https://ims.example/v2/images?marker=x')).toEqual({ marker: 'x' });
  });
});

describe("judgeLinks and judgeFirstLink: the list page's first and next links", () => {
  const walkOf = (o: ListOptions, ids: readonly string[] = IDS) => walkPages(fakeList(ids, { links: true, ...o }).fetch, { name: 'n' }, 2, 100);

  it('find nothing wrong with links that keep the query, end on the last page and lead back to the first', async () => {
    const list = fakeList(IDS, { links: true, others: ['x1'] });
    const walk = await walkPages(list.fetch, { name: 'n' }, 2, 100);
    expect(judgeLinks(walk, IDS, 2)).toEqual([]);
    expect(await judgeFirstLink(walk, list.fetch)).toBeUndefined();
  });

  it('leave a full last page linking to an empty one alone (Glance links every full page)', async () => {
    const walk = await walkOf({ nextOnLast: true }, IDS.slice(0, 4));
    expect(walk.pages.map((p) => p.ids)).toEqual([['i1', 'i2'], ['i3', 'i4'], []]);
    expect(judgeLinks(walk, IDS.slice(0, 4), 2)).toEqual([]);
  });

  it('name a short last page that still carries next', async () => {
    const walk = await walkOf({ nextOnLast: true });
    expect(judgeLinks(walk, IDS, 2)).toEqual(['page 3 holds 1 of limit=2 and is the last, yet carries a next link']);
  });

  it('name the pages a next link without the filter brings in', async () => {
    const walk = await walkOf({ nextDropsFilter: true, others: ['x1', 'x2', 'x3'] });
    expect(judgeLinks(walk, IDS, 2)[0]).toBe("page 3 lists x1, which the query's filter excludes: the link lost the query");
  });

  it('name a first link that answers another page than the first', async () => {
    const list = fakeList(IDS, { links: true, firstKeepsMarker: true });
    const walk = await walkPages(list.fetch, { name: 'n' }, 2, 100);
    expect(await judgeFirstLink(walk, list.fetch)).toBe(
      'the first link of page 3 (/v2/images?name=n&limit=2&marker=i4) answers [i5], not the first page [i1, i2]',
    );
  });

  it('have nothing to judge on a list without links (IMS cloudimages)', async () => {
    const list = fakeList(IDS);
    const walk = await walkPages(list.fetch, { name: 'n' }, 2, 100);
    expect(judgeLinks(walk, IDS, 2)).toEqual([]);
    expect(await judgeFirstLink(walk, list.fetch)).toBeUndefined();
  });
});
