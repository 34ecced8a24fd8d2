import { parseArgs } from 'node:util';
import { FAULT_NAMES } from '../../mock/faults/catalogue.js';
import { isMockVariant, MOCK_VARIANTS, type MockVariant } from '../../mock/variant.js';

/** A usage error: one line on stderr, exit code 2, nothing started. */
export class UsageError extends Error {}

/** `ims-conformance mock`'s flags, checked. */
export interface MockArgs {
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

export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

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

function readFlags(argv: string[]) {
  try {
    return parseArgs({
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
    }).values;
  } catch (error) {
    throw new UsageError(oneLine((error as Error).message));
  }
}

function hostOf(raw: string | undefined): string {
  const host = raw ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  return host;
}

function portOf(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got "${raw}"`);
  return Number(raw);
}

function seedImagesOf(raw: string | undefined): number {
  const seedImages = raw ?? '0';
  if (!/^\d+$/.test(seedImages) || Number(seedImages) > 10_000)
    throw new UsageError(`--seed-images must be a whole number from 0 to 10000, got "${seedImages}"`);
  return Number(seedImages);
}

/** The faults asked for, each once; `--fault list` asks for the catalogue instead, so names go unchecked. */
function faultsOf(requested: string[] = []): { faults: string[]; listFaults: boolean } {
  const listFaults = requested.includes('list');
  const faults = [...new Set(requested)];
  const unknown = listFaults ? [] : faults.filter((name) => !FAULT_NAMES.includes(name));
  if (unknown.length > 0) {
    const names = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(`unknown fault ${names} (--fault); \`ims-conformance mock --fault list\` prints the catalogue`);
  }
  return { faults, listFaults };
}

function variantOf(raw: string | undefined): { variant: MockVariant; listVariants: boolean } {
  const listVariants = raw === 'list';
  const variant = raw ?? 'default';
  if (!listVariants && !isMockVariant(variant))
    throw new UsageError(`unknown variant "${variant}" (--variant); use ${MOCK_VARIANTS.join(' or ')}, or \`--variant list\``);
  return { variant: listVariants ? 'default' : (variant as MockVariant), listVariants };
}

/** Reads `mock`'s flags; throws a UsageError naming the first bad one. */
export function parseMockArgs(argv: string[]): MockArgs {
  const values = readFlags(argv);
  const host = hostOf(values.host);
  const port = portOf(values.port);
  const jobDelayMs = milliseconds('--job-delay', values['job-delay']);
  const appearDelayMs = milliseconds('--appear-delay', values['appear-delay']);
  const latencyMs = milliseconds('--latency', values.latency);
  const sampleImages = seedImagesOf(values['seed-images']);
  const { faults, listFaults } = faultsOf(values.fault);
  const { variant, listVariants } = variantOf(values.variant);
  return {
    host,
    port,
    faults,
    jobDelayMs,
    appearDelayMs,
    latencyMs,
    sampleImages,
    log: values.log ?? false,
    variant,
    listVariants,
    printConfig: values['print-config'] ?? false,
    listFaults,
    help: values.help ?? false,
  };
}
