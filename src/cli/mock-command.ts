import { parseArgs } from 'node:util';
import { Document, isSeq, visit } from 'yaml';
import { FAULTS, FAULT_NAMES } from '../../mock/faults/catalogue.js';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { isMockVariant, judgementCatalogue, MOCK_VARIANTS, type MockVariant } from '../../mock/variant.js';
import type { ReadRequest, WireResponse } from '../../mock/http/server.js';
import type { ContractConfig } from '../../mock/suite-config.js';

/** Where the command writes; each call gets whole lines (with their `\n`). */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const MOCK_USAGE = `usage: ims-conformance mock [--host 127.0.0.1] [--port 0] [--fault NAME]... [--job-delay MS] [--appear-delay MS] [--latency MS]
                            [--variant default|alternative] [--seed-images N] [--log] [--print-config]

Starts the reference IMS endpoint (with IAM) and prints its URL and a suite config (YAML) pointing at it.
  --host HOST       address to listen on (default 127.0.0.1: the mock is a test fixture, not a service)
  --port PORT       0-65535; 0 (default) picks a free port
  --fault NAME      switch on a named deviation; repeatable. \`--fault list\` prints the catalogue
  --job-delay MS    how long asynchronous jobs take (default 200)
  --appear-delay MS images made by Nova createImage or by jobs show up only this long after (default 0)
  --latency MS      every answer takes this long (a round trip to a distant region; default 0)
  --variant NAME    default, or alternative: the other documented reading wherever the documents leave a choice.
                    \`--variant list\` prints those judgement points
  --seed-images N   start with N images (public platform images and private ones of the first project; default 0)
  --log             one line per call on stderr: time, method, path, status, bytes (no headers, no bodies)
  --print-config    stdout carries only the YAML config (\`... --print-config > mock.yaml\`); the banner goes to stderr
Runs until SIGINT/SIGTERM (Ctrl-C).
`;

const PREFIX = 'ims-conformance mock:';

/** A usage error: one line on stderr, exit code 2, nothing started. */
class UsageError extends Error {}

interface MockArgs {
  host: string;
  port: number;
  faults: string[];
  jobDelayMs: number | undefined;
  appearDelayMs: number | undefined;
  latencyMs: number | undefined;
  sampleImages: number;
  log: boolean;
  printConfig: boolean;
  listFaults: boolean;
  variant: MockVariant;
  listVariants: boolean;
  help: boolean;
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

const VALUE_FLAGS = new Set(['--host', '--port', '--fault', '--job-delay', '--appear-delay', '--latency', '--variant', '--seed-images']);

/** `--job-delay -5` (or `--appear-delay -5`) means the value -5 (parseArgs would call it ambiguous), so it gets the range message. */
function joinNegativeValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (VALUE_FLAGS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** A duration flag's value: a whole, non-negative number of milliseconds. */
function milliseconds(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    const why = /^-\d+$/.test(raw) ? 'must not be negative' : 'must be a whole number of milliseconds';
    throw new UsageError(`${flag} ${why}, got "${raw}"`);
  }
  return Number(raw);
}

function parseMockArgs(argv: string[]): MockArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        fault: { type: 'string', multiple: true },
        'job-delay': { type: 'string' },
        'appear-delay': { type: 'string' },
        latency: { type: 'string' },
        variant: { type: 'string' },
        'seed-images': { type: 'string' },
        log: { type: 'boolean' },
        'print-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(oneLine((error as Error).message));
  }

  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host must not be empty');

  let port = 0;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
      throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got "${values.port}"`);
    }
    port = Number(values.port);
  }

  const jobDelayMs = milliseconds('--job-delay', values['job-delay']);
  const appearDelayMs = milliseconds('--appear-delay', values['appear-delay']);
  const latencyMs = milliseconds('--latency', values.latency);

  const seedImages = values['seed-images'] ?? '0';
  if (!/^\d+$/.test(seedImages) || Number(seedImages) > 10_000)
    throw new UsageError(`--seed-images must be a whole number from 0 to 10000, got "${seedImages}"`);

  const requested = values.fault ?? [];
  const listFaults = requested.includes('list');
  const faults = [...new Set(requested)];
  if (!listFaults) {
    const unknown = faults.filter((name) => !FAULT_NAMES.includes(name));
    if (unknown.length > 0) {
      const names = unknown.map((n) => `"${n}"`).join(', ');
      throw new UsageError(`unknown fault ${names} (--fault); \`ims-conformance mock --fault list\` prints the catalogue`);
    }
  }

  const listVariants = values.variant === 'list';
  const variant = values.variant ?? 'default';
  if (!listVariants && !isMockVariant(variant))
    throw new UsageError(`unknown variant "${variant}" (--variant); use ${MOCK_VARIANTS.join(' or ')}, or \`--variant list\``);

  return {
    host,
    port,
    faults,
    jobDelayMs,
    appearDelayMs,
    latencyMs,
    sampleImages: Number(seedImages),
    log: values.log ?? false,
    variant: listVariants ? 'default' : (variant as MockVariant),
    listVariants,
    printConfig: values['print-config'] ?? false,
    listFaults,
    help: values.help ?? false,
  };
}

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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function banner(mock: RunningMock, args: MockArgs): string {
  const config = mock.config;
  const lines: string[] = [];
  lines.push(`ims-conformance mock listening on ${mock.url}`);
  if (!LOOPBACK.has(args.host)) {
    lines.push(`  warning: ${args.host} is not a loopback address; anyone who can reach it can use the tokens below`);
  }
  lines.push(`  faults      ${args.faults.length > 0 ? args.faults.join(', ') : 'none (a clean, conforming endpoint)'}`);
  lines.push(
    `  variant     ${mock.state.options.variant}${mock.state.options.variant === 'alternative' ? ' (the other documented reading at every judgement point)' : ''}`,
  );
  lines.push(`  job delay   ${mock.state.options.jobDelayMs} ms`);
  if (mock.state.options.latencyMs > 0) lines.push(`  latency     ${mock.state.options.latencyMs} ms on every answer`);
  if (mock.state.options.appearDelayMs > 0) lines.push(`  appear delay ${mock.state.options.appearDelayMs} ms (Nova snapshots and job images show up late)`);
  lines.push(`  project     ${config.projectId}`);
  lines.push('  principals');
  const nameWidth = Math.max(...Object.keys(config.principals).map((n) => n.length));
  for (const [name, p] of Object.entries(config.principals)) {
    const notes = [
      p.password ? `signs in with a password as ${p.password.user}` : '',
      p.deny ? `deny ${p.deny.join(', ')}` : '',
      p.projectId ? `project ${p.projectId}` : '',
      p.enterpriseProjectId ? `enterprise project ${p.enterpriseProjectId}` : '',
    ].filter(Boolean);
    const actions = p.actions.length > 0 ? p.actions.join(', ') : '(no actions)';
    lines.push(`    ${name.padEnd(nameWidth)}  ${actions}${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`);
  }
  lines.push('  fixtures');
  const fixtureWidth = Math.max(...Object.keys(config.fixtures).map((n) => n.length));
  for (const [name, value] of Object.entries(config.fixtures)) lines.push(`    ${name.padEnd(fixtureWidth)}  ${value}`);
  lines.push(
    args.printConfig
      ? '  suite config: on stdout (YAML), for --config'
      : '  suite config below (YAML); save it, or run with --print-config > mock.yaml, and pass it with --config',
  );
  lines.push('  Ctrl-C to stop');
  return `${lines.map((l) => `${l}\n`).join('')}`;
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
  if (args.help) {
    io.out(MOCK_USAGE);
    return 0;
  }
  if (args.listVariants) {
    io.out(judgementCatalogue());
    return 0;
  }
  if (args.listFaults) {
    io.out(faultCatalogue());
    return 0;
  }
  if (stop?.aborted) return 0;

  let mock: RunningMock;
  try {
    mock = await startMock({
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
    const e = error as NodeJS.ErrnoException;
    const where = `${args.host}:${args.port}`;
    const reason =
      e.code === 'EADDRINUSE'
        ? `port ${args.port} is already in use (--port)`
        : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
          ? `cannot listen on ${where}: no such local address (--host)`
          : e.code === 'EACCES'
            ? `not allowed to listen on ${where} (--port)`
            : `could not start: ${oneLine(e.message)}`;
    io.err(`${PREFIX} ${reason}\n`);
    return 2;
  }

  try {
    const yamlText = configYaml(mock.config);
    if (stop?.aborted) {
      // Stopped while starting: nothing to announce.
    } else if (args.printConfig) {
      io.out(yamlText);
      io.err(banner(mock, args));
    } else {
      io.out(banner(mock, args));
      io.out('\n');
      io.out(yamlText);
    }
    if (stop) await waitForAbort(stop);
    else await new Promise<never>(() => {});
  } finally {
    const closed = await closeWithin(mock, 5_000);
    const why = stop?.reason instanceof Error ? '' : typeof stop?.reason === 'string' ? ` (${stop.reason})` : '';
    io.err(closed ? `${PREFIX} stopped${why}\n` : `${PREFIX} stopped${why}; some connections did not close within 5 s\n`);
  }
  return 0;
}
