import { readDataFile } from '../src/config/read-data-file.js';
import { retotal } from './build-report.js';
import type { ReportResult, RunReport } from './report-model.js';

/**
 * One accepted deviation: `id` is a result id (`operationId/check`) or an operation prefix (`operationId/`), so
 * it survives renames of anything but the stable ids. `match`, a regular expression, narrows it to results whose
 * message matches (one known bug, not every finding of the check). `expires` (YYYY-MM-DD) is the last day it applies.
 */
export interface Waiver {
  id: string;
  reason: string;
  match?: string;
  expires?: string;
}

/** A waiver file that cannot be used: one line naming the file and the entry. */
export class WaiverError extends Error {}

const ID = /^[A-Za-z0-9_.-]+\/([A-Za-z0-9_.-]+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KEYS = new Set(['id', 'reason', 'match', 'expires']);

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Checks parsed waiver data (a list, or `{waivers: [...]}`); `source` names it in errors. */
export function parseWaivers(data: unknown, source: string): Waiver[] {
  const list = data && typeof data === 'object' && !Array.isArray(data) && 'waivers' in data ? (data as { waivers: unknown }).waivers : data;
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new WaiverError(`--waivers ${source}: expected a list of {id, reason, expires?}`);
  const seen = new Set<string>();
  return list.map((entry: unknown, i): Waiver => {
    const at = `--waivers ${source}: entry ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new WaiverError(`${at}: expected a mapping {id, reason, expires?}`);
    const e = entry as Record<string, unknown>;
    const extra = Object.keys(e).find((k) => !KEYS.has(k));
    if (extra !== undefined) throw new WaiverError(`${at}: unknown field "${extra}" (allowed: id, reason, match, expires)`);
    if (typeof e.id !== 'string' || !ID.test(e.id))
      throw new WaiverError(`${at}: id must be "operationId/check" or "operationId/" (got ${JSON.stringify(e.id)})`);
    const where = `${at} (${e.id})`;
    if (typeof e.reason !== 'string' || e.reason.trim() === '') throw new WaiverError(`${where}: reason is required (why the deviation is accepted)`);
    if (e.expires !== undefined && (typeof e.expires !== 'string' || !validDate(e.expires)))
      throw new WaiverError(`${where}: expires must be a date YYYY-MM-DD (got ${JSON.stringify(e.expires)})`);
    if (e.match !== undefined && (typeof e.match !== 'string' || !compiles(e.match)))
      throw new WaiverError(`${where}: match must be a regular expression (got ${JSON.stringify(e.match)})`);
    const key = `${e.id}\0${String(e.match ?? '')}`;
    if (seen.has(key)) throw new WaiverError(`${where}: the id is waived twice`);
    seen.add(key);
    return {
      id: e.id,
      reason: e.reason.trim(),
      ...(e.match !== undefined ? { match: e.match as string } : {}),
      ...(e.expires !== undefined ? { expires: e.expires as string } : {}),
    };
  });
}

/** Reads a waiver file, YAML or JSON (JSON is YAML, so one parser reads both; a `.json` file must be strict JSON). */
export function loadWaivers(file: string): Waiver[] {
  const read = readDataFile('--waivers', file);
  if (!read.ok) throw new WaiverError(read.problem);
  const data = read.data;
  return parseWaivers(data, file);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** True when the waiver covers the result: the same id or an `operationId/` prefix of it, and its `match` if any. */
export const waiverMatches = (waiver: Waiver, id: string, message = ''): boolean =>
  (waiver.id.endsWith('/') ? id.startsWith(waiver.id) : id === waiver.id) && (waiver.match === undefined || new RegExp(waiver.match).test(message));

/** A waiver is in force through its `expires` day (UTC). */
export const waiverExpired = (waiver: Waiver, now: Date): boolean => waiver.expires !== undefined && now.toISOString().slice(0, 10) > waiver.expires;

export interface WaiverOutcome {
  report: RunReport;
  /** Result ids now `waived`. */
  applied: string[];
  /** Result ids a waiver matched but whose waiver had expired: they stay failing. */
  expired: string[];
  /** Waivers that matched no failing result (the check passes now, or the id is wrong). */
  unused: Waiver[];
}

/**
 * Applies waivers to failed/error results: a matching waiver in force makes the result `waived` with the waiver
 * attached; an expired one leaves it failing and says so in the message. The exact id wins over a prefix; a
 * waiver in force wins over an expired one. Totals and the verdict are recomputed.
 */
export function applyWaivers(report: RunReport, waivers: readonly Waiver[], now: Date = new Date()): WaiverOutcome {
  const used = new Set<Waiver>();
  const applied: string[] = [];
  const expired: string[] = [];
  const results = report.results.map((r): ReportResult => {
    if (r.status !== 'failed' && r.status !== 'error') return r;
    const matching = waivers.filter((w) => waiverMatches(w, r.id, r.message)).sort((a, b) => Number(a.id.endsWith('/')) - Number(b.id.endsWith('/')));
    if (matching.length === 0) return r;
    for (const w of matching) used.add(w);
    const inForce = matching.find((w) => !waiverExpired(w, now));
    if (inForce) {
      applied.push(r.id);
      return { ...r, status: 'waived', waiver: { reason: inForce.reason, ...(inForce.expires ? { expires: inForce.expires } : {}) } };
    }
    const w = matching[0] as Waiver;
    expired.push(r.id);
    return { ...r, message: `the waiver (${w.id}: ${w.reason}) expired on ${w.expires}, so this counts as failed again. ${r.message}` };
  });
  return { report: retotal({ ...report, results }), applied, expired, unused: waivers.filter((w) => !used.has(w)) };
}
