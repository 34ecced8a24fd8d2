import type { RunningMock } from '../../mock/start-mock.js';
import type { ContractConfig } from '../../mock/suite-config.js';
import type { MockArgs } from './mock-args.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** What `ims-conformance mock` tells a person once the mock listens: where, how it behaves, who may call it. */
export function banner(mock: RunningMock, args: MockArgs): string {
  const config = mock.config;
  const options = mock.state.options;
  const lines: string[] = [];
  lines.push(`ims-conformance mock listening on ${mock.url}`);
  if (!LOOPBACK.has(args.host)) {
    lines.push(`  warning: ${args.host} is not a loopback address; anyone who can reach it can use the tokens below`);
  }
  lines.push(`  faults      ${args.faults.length > 0 ? args.faults.join(', ') : 'none (a clean, conforming endpoint)'}`);
  const about: Record<string, string> = {
    alternative: ' (the other documented reading at every judgement point)',
    'ims-errors': ' (every error situation answered as the IMS error table does: 400 + IMG code)',
  };
  lines.push(`  variant     ${options.variant}${about[options.variant] ?? ''}`);
  lines.push(`  job delay   ${options.jobDelayMs} ms`);
  if (options.latencyMs > 0) lines.push(`  latency     ${options.latencyMs} ms on every answer`);
  if (options.appearDelayMs > 0) lines.push(`  appear delay ${options.appearDelayMs} ms (Nova snapshots and job images show up late)`);
  lines.push(`  project     ${config.projectId}`);
  lines.push('  principals', ...principalLines(config));
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

/** One line a principal: its actions, then how it differs from a plain token holder of the primary project. */
function principalLines(config: ContractConfig): string[] {
  const nameWidth = Math.max(...Object.keys(config.principals).map((n) => n.length));
  return Object.entries(config.principals).map(([name, p]) => {
    const notes = [
      p.password ? `signs in with a password as ${p.password.user}` : '',
      p.deny ? `deny ${p.deny.join(', ')}` : '',
      p.projectId ? `project ${p.projectId}` : '',
      p.enterpriseProjectId ? `enterprise project ${p.enterpriseProjectId}` : '',
    ].filter(Boolean);
    const actions = p.actions.length > 0 ? p.actions.join(', ') : '(no actions)';
    return `    ${name.padEnd(nameWidth)}  ${actions}${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`;
  });
}
