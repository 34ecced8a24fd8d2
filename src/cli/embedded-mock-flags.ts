import type { Config } from '../config/config.js';
import type { StartMockOptions } from '../../mock/start-mock.js';
import { isMockVariant, MOCK_VARIANTS, type MockVariant } from '../../mock/variant.js';
import { listFlag, textFlag, type ParsedFlags } from './flags-and-config.js';

/** What `run --mock-fault/--mock-appear-delay/--mock-variant` ask of the embedded mock. */
export interface EmbeddedMockFlags {
  faults: string[];
  /** Milliseconds, as given (checked to be a whole number). */
  appearDelay: string | undefined;
  variant: MockVariant | undefined;
}

const onlyEmbedded = (flag: string): string => `ims-conformance run: ${flag} only applies to the embedded mock; drop --target to use it`;

/**
 * The mock flags of `run`, or exit code 2 after one line on stderr: a bad value, or a flag given with `--target`
 * (a remote target cannot be told to misbehave).
 */
export function embeddedMockFlags(flags: ParsedFlags, config: Config, io: { err: (line: string) => void }): EmbeddedMockFlags | number {
  const faults = listFlag(flags, 'mock-fault');
  if (faults.length > 0 && config.target) return refuse(io, onlyEmbedded('--mock-fault'));
  const appearDelay = textFlag(flags, 'mock-appear-delay');
  if (appearDelay !== undefined && (!/^\d+$/.test(appearDelay) || !Number.isSafeInteger(Number(appearDelay))))
    return refuse(io, `ims-conformance run: --mock-appear-delay must be a whole, non-negative number of milliseconds, got "${appearDelay}"`);
  if (appearDelay !== undefined && config.target) return refuse(io, onlyEmbedded('--mock-appear-delay'));
  const variant = textFlag(flags, 'mock-variant');
  if (variant !== undefined && !isMockVariant(variant))
    return refuse(io, `ims-conformance run: --mock-variant "${variant}" is not one of ${MOCK_VARIANTS.join(', ')}`);
  if (variant !== undefined && config.target) return refuse(io, onlyEmbedded('--mock-variant'));
  return { faults, appearDelay, variant };
}

function refuse(io: { err: (line: string) => void }, line: string): number {
  io.err(line);
  return 2;
}

/** The flags as `startMock` options (unset ones left to the embedded target's defaults). */
export function mockStartOptions(mock: EmbeddedMockFlags): StartMockOptions {
  return {
    faults: mock.faults,
    ...(mock.appearDelay !== undefined ? { appearDelayMs: Number(mock.appearDelay) } : {}),
    ...(mock.variant !== undefined ? { variant: mock.variant } : {}),
  };
}

/** How the run's first line names the embedded mock: ` (embedded mock, variant …, faults: …, images appear after … ms)`. */
export function describeEmbeddedMock(mock: EmbeddedMockFlags): string {
  const variant = mock.variant ? `, variant ${mock.variant}` : '';
  const faults = mock.faults.length ? `, faults: ${mock.faults.join(', ')}` : '';
  const appear = mock.appearDelay ? `, images appear after ${mock.appearDelay} ms` : '';
  return ` (embedded mock${variant}${faults}${appear})`;
}
