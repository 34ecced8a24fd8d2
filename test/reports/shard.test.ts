import { describe, expect, it } from 'vitest';
import { parseShard, SELECTS_NOTHING, shardOnly, shardOperations } from '../../reports/shard.js';
import { selected } from '../../src/engine/scenario-sequence.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';

describe('--shard i/n', () => {
  it('parses i/n with 1 ≤ i ≤ n and rejects the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '2', 'a/b', '-1/2', '1/2/3', ''])
      expect(() => parseShard(bad), bad).toThrow(/^--shard: ".*" is not i\/n with 1 ≤ i ≤ n/);
  });

  it('splits the spec operations into disjoint, complete, balanced and deterministic parts', async () => {
    const ids = (await loadSpec()).operations.map((o) => o.operationId);
    for (const count of [1, 2, 3, 4, 7, 29, 40]) {
      const parts = Array.from({ length: count }, (_, i) => shardOperations(ids, { index: i + 1, count }));
      expect(parts.flat().sort(), `n=${count}`).toEqual([...ids].sort());
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes), `n=${count}: ${sizes}`).toBeLessThanOrEqual(1);
      // The order the spec lists operations in does not matter, only their ids.
      expect(shardOperations([...ids].reverse(), { index: 1, count })).toEqual(parts[0]);
    }
  });

  it('keeps every scenario of an operation in its shard, and the shards together select every scenario once', async () => {
    const { operations } = await loadSpec();
    const scenarios = scenariosFor(operations);
    const count = 3;
    const seen = new Map<string, number>();
    for (let index = 1; index <= count; index++) {
      const mine = new Set(
        shardOperations(
          operations.map((o) => o.operationId),
          { index, count },
        ),
      );
      const only = shardOnly(operations, { index, count }, []);
      for (const s of scenarios.filter((x) => selected(x, only))) {
        expect(mine.has(s.operation.operationId)).toBe(true);
        seen.set(s.title, (seen.get(s.title) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(new Set(scenarios.map((s) => s.title)).size);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('intersects with the user --only (operation, check, area prefixes) and selects nothing when the intersection is empty', async () => {
    const { operations } = await loadSpec();
    const ids = operations.map((o) => o.operationId);
    const shardOf = (id: string): number => [1, 2, 3].find((i) => shardOperations(ids, { index: i, count: 3 }).includes(id)) as number;
    const show = shardOf('showImage');
    const other = show === 1 ? 2 : 1;
    expect(shardOnly(operations, { index: show, count: 3 }, ['showImage/'])).toEqual(['showImage/']);
    expect(shardOnly(operations, { index: show, count: 3 }, ['showImage/iam-'])).toEqual(['showImage/iam-']);
    expect(shardOnly(operations, { index: show, count: 3 }, ['images/showImage/pag'])).toEqual(['images/showImage/pag']);
    expect(shardOnly(operations, { index: other, count: 3 }, ['showImage/iam-'])).toEqual([SELECTS_NOTHING]);
    const images = operations.filter((o) => o.area === 'images').map((o) => o.operationId);
    expect(shardOnly(operations, { index: show, count: 3 }, ['images/']).sort()).toEqual(
      images
        .filter((id) => shardOf(id) === show)
        .map((id) => `${id}/`)
        .sort(),
    );
    const scenarios = scenariosFor(operations);
    expect(scenarios.filter((s) => selected(s, [SELECTS_NOTHING]))).toEqual([]);
  });
});
