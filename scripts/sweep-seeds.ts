/**
 * `npm run sweep:seeds`: the default suite against each of the mock's personalities for seeds 1–20, in process.
 * Every result must pass (advisories and not-applicable are not failures): a failure on the alternative
 * personality is a verdict on behaviour some document allows, i.e. the suite tuned to its own mock.
 *
 *   node dist/scripts/sweep-seeds.js [--seeds 1-20] [--variants default,alternative] [--parallel 2]
 *
 * Prints one line per run and, at the end, every result that was not accepted (id, seeds, message); exit 1 if any.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.js';
import { runSuite } from '../src/cli/in-process-run.js';
import { isMockVariant, MOCK_VARIANTS, type MockVariant } from '../mock/variant.js';

const ACCEPTED = new Set(['passed', 'advisory', 'not-applicable']);

function seedRange(text: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new Error(`--seeds wants N or N-M, got "${text}"`);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

interface Problem {
  variant: MockVariant;
  id: string;
  status: string;
  seeds: number[];
  message: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { seeds: { type: 'string' }, variants: { type: 'string' }, parallel: { type: 'string' } } });
  const seeds = seedRange(values.seeds ?? '1-20');
  const variants = (values.variants ?? MOCK_VARIANTS.join(',')).split(',');
  const unknown = variants.filter((v) => !isMockVariant(v));
  if (unknown.length > 0) throw new Error(`unknown variant ${unknown.join(', ')}; use ${MOCK_VARIANTS.join(', ')}`);
  const parallel = Math.max(1, Number(values.parallel ?? 2));

  const jobs = variants.flatMap((variant) => seeds.map((seed) => ({ variant: variant as MockVariant, seed })));
  const problems = new Map<string, Problem>();
  const started = Date.now();
  const worker = async (): Promise<void> => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const { variant, seed } = job;
      const outcome = await runSuite(loadConfig({ seed: String(seed) }, {}), { mock: { variant } });
      const counts: Record<string, number> = {};
      for (const r of outcome.results) {
        counts[r.status] = (counts[r.status] ?? 0) + 1;
        if (ACCEPTED.has(r.status)) continue;
        const key = `${variant} ${r.id} ${r.status}`;
        const known = problems.get(key);
        if (known) known.seeds.push(seed);
        else problems.set(key, { variant, id: r.id, status: r.status, seeds: [seed], message: r.message.replace(/\s+/g, ' ').slice(0, 400) });
      }
      const summary = Object.entries(counts)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ');
      process.stdout.write(
        `seed ${String(seed).padStart(2)}  ${variant.padEnd(11)}  ${summary}${outcome.leftovers.length > 0 ? `  leftovers ${outcome.leftovers.length}` : ''}  (${Math.round(outcome.durationMs / 1000)} s)\n`,
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  process.stdout.write(`\n${seeds.length} seeds × ${variants.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s\n`);
  if (problems.size === 0) {
    process.stdout.write('every result passed (or was advisory / not applicable) on every personality\n');
    return 0;
  }
  process.stdout.write(`\n${problems.size} results not accepted:\n`);
  for (const p of [...problems.values()].sort((a, b) => `${a.variant} ${a.id}`.localeCompare(`${b.variant} ${b.id}`)))
    process.stdout.write(`- [${p.variant}] ${p.id} ${p.status} (seeds ${p.seeds.sort((a, b) => a - b).join(',')}): ${p.message}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sweep-seeds: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
