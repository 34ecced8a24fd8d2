import { CONCURRENCY, WORKLOADS, cellKey, type Results } from './workloads.js';

/** A number to print, or a dash for one that could not be measured (no operation in the cell). */
export function fmt(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/** The closing table: per workload and concurrency the mock's numbers, and beside them Prism's when it ran. */
export function table(mock: Results, prism: Results | undefined): string[] {
  const head = ['workload', 'conc', 'mock ops/s', 'p50 ms', 'p99 ms', 'errors'];
  if (prism) head.push('prism ops/s', 'p50 ms', 'p99 ms', 'errors', 'mock/prism ops/s');
  const rows: string[][] = [head];
  for (const w of WORKLOADS) {
    for (const c of CONCURRENCY) {
      const m = mock.get(cellKey(w.name, c))!;
      const row = [w.name, String(c), fmt(m.opsPerSec, 0), fmt(m.p50, 2), fmt(m.p99, 2), `${m.errors}/${m.ops}`];
      if (prism) {
        const p = prism.get(cellKey(w.name, c))!;
        row.push(fmt(p.opsPerSec, 0), fmt(p.p50, 2), fmt(p.p99, 2), `${p.errors}/${p.ops}`, `${fmt(m.opsPerSec / p.opsPerSec, 1)}x`);
      }
      rows.push(row);
    }
  }
  const widths = head.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}
