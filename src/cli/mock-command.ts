import { Document, isSeq, visit } from 'yaml';
import { FAULTS } from '../../mock/faults/catalogue.js';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { judgementCatalogue } from '../../mock/variant.js';
import type { ReadRequest, WireResponse } from '../../mock/http/server.js';
import type { ContractConfig } from '../../mock/suite-config.js';
import { type MockArgs, oneLine, parseMockArgs, UsageError } from './mock-args.js';
import { banner } from './mock-banner.js';

/** Where the command writes; each call gets whole lines (with their `\n`). */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const MOCK_USAGE = `usage: ims-conformance mock [--host 127.0.0.1] [--port 0] [--fault NAME]... [--job-delay MS] [--appear-delay MS] [--latency MS]
                            [--variant default|alternative|ims-errors] [--seed-images N] [--log] [--print-config]

Starts the reference IMS endpoint (with IAM) and prints its URL and a suite config (YAML) pointing at it.
  --host HOST       address to listen on (default 127.0.0.1: the mock is a test fixture, not a service)
  --port PORT       0-65535; 0 (default) picks a free port
  --fault NAME      switch on a named deviation; repeatable. \`--fault list\` prints the catalogue
  --job-delay MS    how long asynchronous jobs take (default 200)
  --appear-delay MS images made by Nova createImage or by jobs show up only this long after (default 0)
  --latency MS      every answer takes this long (a round trip to a distant region; default 0)
  --variant NAME    default; alternative: the other documented reading wherever the documents leave a choice;
                    ims-errors: every error situation answered as the IMS error table does (400 + IMG code).
                    \`--variant list\` prints those judgement points and error situations
  --seed-images N   start with N images (public platform images and private ones of the first project; default 0)
  --log             one line per call on stderr: time, method, path, status, bytes (no headers, no bodies)
  --print-config    stdout carries only the YAML config (\`... --print-config > mock.yaml\`); the banner goes to stderr
Runs until SIGINT/SIGTERM (Ctrl-C).
`;

const PREFIX = 'ims-conformance mock:';

/**
 * `--log`: one line per call, when it was answered. Method, path and query, status, size and time only: no header
 * and no body is written, so no credential can reach the log.
 */
function requestLogger(write: (text: string) => void): (request: ReadRequest, response: WireResponse) => void {
  return (request, response) => {
    write(`${new Date().toISOString()} ${request.method} ${request.url} → ${response.status} ${response.payload?.length ?? 0} B\n`);
  };
}

/** The catalogue, one fault a line: `name  summary  [caught by: check ids]`. */
export function faultCatalogue(): string {
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  return FAULTS.map((f) => `${f.name.padEnd(width)}  ${f.summary}  [caught by: ${f.detectedBy.join(', ')}]\n`).join('');
}

/**
 * The suite config as YAML. It carries the mock's credentials in clear text on purpose: bearer tokens this
 * process's in-memory directory just issued for its own seeded principals (and the random password of the one
 * password principal), valid only against this mock while it runs and worth nothing anywhere else. Handing them
 * over is the point of the command: the suite cannot call the mock without them. Real credentials never pass here.
 */
export function configYaml(config: ContractConfig): string {
  const header = `# ims-conformance suite config for the mock at ${config.target}; its credentials are valid only while that mock runs\n`;
  const doc = new Document(config);
  // Short lists (actions, deny) read best inline, as the run contract writes them: `actions: ["ims:*:*"]`.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node)) node.flow = true;
    },
  });
  return header + doc.toString({ lineWidth: 0 });
}

const waitForAbort = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

/** Closing must not hang the command: after `ms` it gives up waiting (the caller's process can still exit). */
async function closeWithin(mock: RunningMock, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([mock.close().then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `ims-conformance mock`: starts the mock, prints its URL and suite config, runs until `stop` aborts, then
 * closes it. Resolves to the exit code (0 ok, 2 usage or start-up error). Without `stop` it runs forever.
 */
export async function mockCommand(argv: string[], io: CommandIo, stop?: AbortSignal): Promise<number> {
  let args: MockArgs;
  try {
    args = parseMockArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${PREFIX} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (printedInstead(args, io)) return 0;
  if (stop?.aborted) return 0;
  const mock = await startFromArgs(args, io);
  if (typeof mock === 'number') return mock;
  try {
    if (!stop?.aborted) announce(mock, args, io); // Stopped while starting: nothing to announce.
    if (stop) await waitForAbort(stop);
    else await new Promise<never>(() => {});
  } finally {
    const closed = await closeWithin(mock, 5_000);
    const why = stop?.reason instanceof Error ? '' : typeof stop?.reason === 'string' ? ` (${stop.reason})` : '';
    io.err(closed ? `${PREFIX} stopped${why}\n` : `${PREFIX} stopped${why}; some connections did not close within 5 s\n`);
  }
  return 0;
}

/** `--help`, `--variant list` and `--fault list` print their text and start nothing. */
function printedInstead(args: MockArgs, io: CommandIo): boolean {
  const text = args.help ? MOCK_USAGE : args.listVariants ? judgementCatalogue() : args.listFaults ? faultCatalogue() : undefined;
  if (text !== undefined) io.out(text);
  return text !== undefined;
}

/** The running mock, or exit code 2 after one line saying why it could not listen. */
async function startFromArgs(args: MockArgs, io: CommandIo): Promise<RunningMock | number> {
  try {
    return await startMock({
      host: args.host,
      port: args.port,
      faults: args.faults,
      variant: args.variant,
      sampleImages: args.sampleImages,
      ...(args.log ? { observe: requestLogger(io.err) } : {}),
      ...(args.jobDelayMs !== undefined ? { jobDelayMs: args.jobDelayMs } : {}),
      ...(args.appearDelayMs !== undefined ? { appearDelayMs: args.appearDelayMs } : {}),
      ...(args.latencyMs !== undefined ? { latencyMs: args.latencyMs } : {}),
    });
  } catch (error) {
    io.err(`${PREFIX} ${startFailure(error as NodeJS.ErrnoException, args)}\n`);
    return 2;
  }
}

/** Why listening failed, in terms of the flag to change. */
function startFailure(e: NodeJS.ErrnoException, args: MockArgs): string {
  const where = `${args.host}:${args.port}`;
  if (e.code === 'EADDRINUSE') return `port ${args.port} is already in use (--port)`;
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `cannot listen on ${where}: no such local address (--host)`;
  if (e.code === 'EACCES') return `not allowed to listen on ${where} (--port)`;
  return `could not start: ${oneLine(e.message)}`;
}

/** With `--print-config` stdout carries only the YAML (for redirecting to a file) and the banner goes to stderr. */
function announce(mock: RunningMock, args: MockArgs, io: CommandIo): void {
  const yamlText = configYaml(mock.config);
  if (args.printConfig) {
    io.out(yamlText);
    io.err(banner(mock, args));
  } else {
    io.out(banner(mock, args));
    io.out('\n');
    io.out(yamlText);
  }
}
