/** What `stopOnSignals` listens on: `process`, or a stand-in in tests. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * An AbortSignal that fires on the first SIGINT/SIGTERM. A second signal means "now": `onSecond` runs
 * (by default the process exits with 130), so a stuck shutdown can never trap the user. `dispose()` removes the
 * listeners once the command is done, restoring the default signal behaviour.
 */
export function stopOnSignals(
  source: SignalSource = process,
  onSecond: (signal: NodeJS.Signals) => void = () => process.exit(130),
  warn: (text: string) => void = (text) => process.stderr.write(text),
  prefix = 'ims-conformance:',
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const listener = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      controller.abort(signal);
      return;
    }
    warn(`${prefix} second ${signal}: exiting without waiting\n`);
    onSecond(signal);
  };
  for (const s of signals) source.on(s, listener);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of signals) source.off(s, listener);
    },
  };
}
