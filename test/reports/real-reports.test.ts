import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../reports/baseline.js';
import { buildReport } from '../../reports/build-report.js';
import { mergeReports } from '../../reports/merge.js';
import { validateReport } from '../../reports/read-report.js';
import type { RunReport } from '../../reports/report-model.js';
import { shardOperations } from '../../reports/shard.js';
import { applyWaivers } from '../../reports/waivers.js';
import { renderJunit } from '../../reports/write-junit.js';
import { renderMarkdown } from '../../reports/write-markdown.js';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite, type RunOutcome } from '../../src/cli/in-process-run.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { all, parseXml } from './xml.js';

/**
 * Reports of real runs against the embedded mock: a clean one and one with two faults switched on. (Whether the
 * clean mock passes everything is the engine's test; here only the shape of what the reports say matters.)
 */
let clean: RunReport;
let failing: RunReport;

async function reportOf(faults: string[]): Promise<RunReport> {
  const config = loadConfig({ seed: '20260101', runs: '3' }, {});
  const outcome: RunOutcome = await runSuite(config, { mock: { faults } });
  return buildReport({
    config: { ...config, target: outcome.target },
    embedded: outcome.embedded,
    spec: await loadSpec(),
    results: outcome.results,
    startedAt: new Date(outcome.startedAt),
    durationMs: outcome.durationMs,
  });
}

beforeAll(async () => {
  [clean, failing] = await Promise.all([reportOf([]), reportOf(['use-after-delete', 'create-image-returns-200'])]);
}, 180_000);

const failingIds = (r: RunReport): string[] => r.results.filter((x) => x.status === 'failed' || x.status === 'error').map((x) => x.id);

describe('reports of real runs', () => {
  it('validate against the shipped summary.schema.json', () => {
    expect(failing.verdict).toBe('failed');
    expect(validateReport(clean)).toEqual({ valid: true, errors: [] });
    expect(validateReport(failing)).toEqual({ valid: true, errors: [] });
    expect(validateReport(JSON.parse(JSON.stringify(failing)))).toEqual({ valid: true, errors: [] });
  });

  it('give every result the stable id operationId/checkId, once, for an operation the report describes', () => {
    for (const r of [clean, failing]) {
      const ops = new Set(r.operations.map((o) => o.operationId));
      for (const x of r.results) {
        expect(x.id).toBe(`${x.operationId}/${x.check}`);
        expect(ops.has(x.operationId), x.id).toBe(true);
      }
      expect(new Set(r.results.map((x) => x.id)).size).toBe(r.results.length);
      const sum = Object.values(r.totals).reduce((a, b) => a + b, 0);
      expect(sum).toBe(r.results.length);
    }
    // The same (operation, check) pairs come out of both runs: ids do not depend on what failed.
    expect(failing.results.map((x) => x.id)).toEqual(clean.results.map((x) => x.id));
    expect(failingIds(failing)).toEqual(expect.arrayContaining(['createImage/status-expected', 'showImage/use-after-delete']));
  });

  it('let waivers and baselines match by id across runs', () => {
    const waived = applyWaivers(failing, [
      { id: 'createImage/status-expected', reason: 'vendor returns 200' },
      { id: 'showImage/', reason: 'known' },
    ]);
    expect(waived.applied).toEqual(expect.arrayContaining(['createImage/status-expected', 'showImage/use-after-delete']));
    expect(waived.report.totals.waived).toBe(waived.applied.length);
    expect(validateReport(waived.report)).toEqual({ valid: true, errors: [] });

    const sorted = (ids: string[]): string[] => [...ids].sort((a, b) => a.localeCompare(b));
    const inClean = new Set(failingIds(clean));
    const inFailing = new Set(failingIds(failing));
    const status = (r: RunReport, id: string) => r.results.find((x) => x.id === id)?.status;
    const regressions = compareWithBaseline(failing, {
      file: 'clean/summary.json',
      statuses: new Map(clean.results.map((x) => [x.id, x.status] as const)),
    }).baseline;
    expect(regressions?.new).toEqual(sorted([...inFailing].filter((id) => !inClean.has(id))));
    expect(regressions?.new).toEqual(expect.arrayContaining(['createImage/status-expected', 'showImage/use-after-delete']));
    expect(regressions?.unchanged).toEqual(sorted([...inFailing].filter((id) => inClean.has(id))));
    expect(regressions?.fixed).toEqual(sorted([...inClean].filter((id) => status(failing, id) === 'passed')));
    const back = compareWithBaseline(clean, {
      file: 'failing/summary.json',
      statuses: new Map(failing.results.map((x) => [x.id, x.status] as const)),
    }).baseline;
    expect(back?.fixed).toEqual(expect.arrayContaining(['createImage/status-expected', 'showImage/use-after-delete']));
    expect(back?.fixed).toEqual(sorted([...inFailing].filter((id) => status(clean, id) === 'passed')));
  });

  it('split into shards by operation and merge back into the same results', () => {
    const count = 3;
    const ids = failing.operations.map((o) => o.operationId);
    const parts = Array.from({ length: count }, (_, i) => {
      const mine = new Set(shardOperations(ids, { index: i + 1, count }));
      const part = { ...failing, shard: { index: i + 1, count }, results: failing.results.filter((x) => mine.has(x.operationId)) };
      expect(validateReport(part).valid).toBe(true);
      return { source: `shard-${i + 1}`, report: part };
    });
    const merged = mergeReports(parts.reverse());
    expect(merged.results).toEqual(failing.results);
    expect(merged.totals).toEqual(failing.totals);
    expect(validateReport(merged)).toEqual({ valid: true, errors: [] });
  });

  it('render a summary.md a reader can act on', () => {
    const md = renderMarkdown(failing);
    expect(md).toMatch(/^# IMS API conformance report — FAILED\n/);
    expect(md).toContain('**Verdict: ✘ FAILED**');
    for (const fact of [failing.target, String(failing.seed), failing.spec.hash, failing.runId, failing.tool.version, failing.profile])
      expect(md).toContain(fact);
    for (const op of failing.operations) expect(md).toContain(`| \`${op.operationId}\``);
    for (const id of failingIds(failing)) {
      expect(md).toContain(`### ✘ ${id}`);
      expect(md).toContain(`--only ${id}`);
    }
    const createFailure = md.slice(md.indexOf('### ✘ createImage/status-expected'));
    expect(createFailure).toMatch(/\*\*Documented vs received:\*\*\n\n```text\nExpected 201; received 200/);
    expect(createFailure).toMatch(/```http\nPOST http:\/\/127\.0\.0\.1:\d+\/v2\/images\n[^`]*x-auth-token: \*\*\*/);
    expect(createFailure).toMatch(/```http\nHTTP 200/);
    expect(createFailure).toMatch(/```sh\ncurl -i -X POST /);
    expect(md).not.toMatch(/undefined|\[object Object\]|NaN/);
    const cleanMd = renderMarkdown(clean);
    if (clean.verdict === 'passed') expect(cleanMd).toContain('None: no check failed.');
  });

  it('render a well-formed junit.xml with one testcase per result', () => {
    for (const r of [clean, failing]) {
      const root = parseXml(renderJunit(r));
      expect(all(root, 'testcase')).toHaveLength(r.results.length);
      expect(all(root, 'failure')).toHaveLength(r.totals.failed);
      expect(Number(root.attrs.failures)).toBe(r.totals.failed);
      expect(all(root, 'testsuite').map((s) => s.attrs.name)).toEqual([...new Set(r.operations.map((o) => o.area))]);
    }
  });
});
