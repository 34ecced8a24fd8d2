/** Where a run's time went (summary.json `timings`), from the scenarios' own timelines. */
export interface RunTimings {
  /** The run's wall time, as `durationMs`. */
  wallMs: number;
  /** Requests the scenarios and the suite files' cleanups sent. */
  requests: number;
  /**
   * The longest chain of dependent requests and waits inside any one scenario, lifecycle or final cleanup: no
   * schedule can finish the run sooner. Absent when nothing ran.
   */
  criticalPath?: { ms: number; scenario: string; requests: number; waitMs: number };
  /** Time the scenarios spent in deliberate waits (polling a job or an image between looks), summed over them. */
  waitMs: number;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The timings in one phrase, for the console's last line: `1250 requests; longest chain 8.1 s, 6.0 s of it waiting`. */
export function timingPhrase(t: RunTimings): string {
  const requests = `${t.requests} ${t.requests === 1 ? 'request' : 'requests'}`;
  const chain = t.criticalPath;
  return chain ? `${requests}; longest chain ${seconds(chain.ms)}, ${seconds(chain.waitMs)} of it waiting` : requests;
}

/** The timings of a merge of shards: requests and waits add up, the longest chain is the longest of any shard. */
export function mergeTimings(parts: readonly (RunTimings | undefined)[], wallMs: number): RunTimings | undefined {
  const known = parts.filter((p): p is RunTimings => p !== undefined);
  if (known.length === 0) return undefined;
  const chains = known.flatMap((p) => (p.criticalPath ? [p.criticalPath] : []));
  const longest = chains.reduce<RunTimings['criticalPath']>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
  return {
    wallMs,
    requests: known.reduce((sum, p) => sum + p.requests, 0),
    ...(longest ? { criticalPath: longest } : {}),
    waitMs: known.reduce((sum, p) => sum + p.waitMs, 0),
  };
}
