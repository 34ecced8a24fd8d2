import type { CheckId } from '../model/check-id.js';
import { choice, commandArgs, type CommandIo } from './command-args.js';
import { toolVersion } from '../../reports/build-report.js';
import type { Profile } from '../spec/profile-overlay.js';
import { selected } from '../engine/scenario-sequence.js';
import { scenariosFor } from '../engine/scenarios/index.js';
import type { Scenario } from '../engine/scenario.js';
import { loadSpec } from '../spec/load-spec.js';
import { PROFILES } from '../spec/operations.js';
import type { SpecOperation } from '../model/operation.js';
import { suiteOf } from '../suite/suite-of.js';

const LIST_USAGE = `usage: ims-conformance list [--json] [--profile ims|openstack] [--only <prefix>]...
Every operation of the spec by area: method, path, deprecated, profiles, IAM actions (conditional ones with their
condition) and scopes, and the checks a run makes on it (one test per scenario, in the suite file named).
--json      the same as one JSON document (no network, nothing started)
--profile   the contract as that profile sees it (default ims); what the profile changed is listed per operation
--only      as for \`run\`: result-id prefixes (\`showImage/\`, \`deleteImage/iam-denied\`, \`images/\`)
`;

/** One test a run would declare: a scenario of the operation, the suite file it runs in and the checks it reports. */
export interface ListedTest {
  suite: string;
  family: string;
  title: string;
  checks: readonly CheckId[];
}

/** One operation as `list --json` prints it. */
export interface ListedOperation {
  operationId: string;
  area: string;
  method: string;
  path: string;
  endpoint: string;
  deprecated: boolean;
  profiles: string[];
  /** What the listed profile changed in this operation's contract, and why. */
  profileNotes: string[];
  statuses: number[];
  auth: 'required' | 'optional' | 'none';
  actions: string[];
  conditionalActions: { action: string; condition: unknown }[];
  scopes: { project: boolean; enterpriseProject: boolean };
  /** Check ids the run reports for this operation (result ids are `operationId/check`). */
  checks: string[];
  tests: ListedTest[];
}

export interface Listing {
  tool: { name: 'ims-conformance'; version: string };
  spec: { version: string; hash: string; profile: Profile };
  only: string[];
  totals: { operations: number; tests: number; results: number };
  /** Every check id the listed operations report, in the order a run reports them. */
  checks: string[];
  operations: ListedOperation[];
}

const unique = (items: Iterable<string>): string[] => [...new Set(items)];

function listed(op: SpecOperation, scenarios: readonly Scenario[]): ListedOperation {
  const mine = scenarios.filter((s) => s.operation === op);
  return {
    operationId: op.operationId,
    area: op.area,
    method: op.method.toUpperCase(),
    path: op.path,
    endpoint: op.endpoint,
    deprecated: op.deprecated,
    profiles: op.profiles,
    profileNotes: op.profileNotes,
    statuses: op.statuses,
    auth: op.authNone ? 'none' : op.authOptional ? 'optional' : 'required',
    actions: op.iam.actions,
    conditionalActions: op.iam.conditionalActions.map((c) => ({ action: c.action, condition: c.condition })),
    scopes: { project: op.iam.scopes.project, enterpriseProject: op.iam.scopes.enterpriseProject },
    checks: unique(mine.flatMap((s) => s.checks)),
    tests: mine.map((s) => ({ suite: suiteOf(s), family: s.family, title: s.title, checks: s.checks })),
  };
}

/** What a run would do, from the spec alone: the operations, their IAM facts and the checks of their scenarios. */
export async function buildListing(only: readonly string[] = [], profile: Profile = 'ims'): Promise<Listing> {
  const spec = await loadSpec(undefined, profile);
  const scenarios = scenariosFor(spec.operations).filter((s) => selected(s, only));
  const operations = spec.operations.map((op) => listed(op, scenarios)).filter((op) => only.length === 0 || op.tests.length > 0);
  return {
    tool: { name: 'ims-conformance', version: toolVersion() },
    spec: { version: spec.version, hash: spec.hash, profile },
    only: [...only],
    totals: { operations: operations.length, tests: scenarios.length, results: operations.reduce((n, op) => n + op.checks.length, 0) },
    checks: unique(scenarios.flatMap((s) => s.checks)),
    operations,
  };
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function actionsText(op: ListedOperation): string {
  const all = [...op.actions, ...op.conditionalActions.map((c) => `${c.action} (only when ${JSON.stringify(c.condition)})`)];
  return all.length > 0 ? all.join(', ') : '— (no IAM action)';
}

/** Wraps words to lines of at most `width`, continuation lines indented by `indent`. */
function wrap(words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function textLines(listing: Listing): string[] {
  const t = listing.totals;
  const lines = [
    `spec ${listing.spec.version} (sha256 ${listing.spec.hash.slice(0, 12)}) · ims-conformance ${listing.tool.version}`,
    `${t.operations} operations · ${t.tests} tests · ${t.results} operation × check results${listing.only.length ? ` (--only ${listing.only.join(', ')})` : ''}`,
  ];
  const areas = unique(listing.operations.map((op) => op.area));
  for (const area of areas) {
    lines.push('', `[${area}]`);
    for (const op of listing.operations.filter((o) => o.area === area)) {
      const flags = [
        op.deprecated ? 'deprecated' : '',
        op.auth !== 'required' ? `auth ${op.auth}` : '',
        op.endpoint !== 'image' ? `${op.endpoint} endpoint` : '',
      ].filter(Boolean);
      lines.push(`  ${op.operationId.padEnd(22)} ${op.method.padEnd(6)} ${op.path}${flags.length ? `  (${flags.join(', ')})` : ''}`);
      for (const note of op.profileNotes) lines.push(`      ${listing.spec.profile} profile: ${note}`);
      lines.push(
        `      profiles ${op.profiles.join(', ')} · statuses ${op.statuses.join(' ')} · scopes: project ${yesNo(op.scopes.project)}, enterprise project ${yesNo(op.scopes.enterpriseProject)}`,
      );
      lines.push(`      actions  ${actionsText(op)}`);
      lines.push(...wrap(['      checks  ', ...op.checks], 116, '               '));
      const bySuite = unique(op.tests.map((x) => x.suite)).map((suite) => `${suite} ${op.tests.filter((x) => x.suite === suite).length}`);
      lines.push(`      tests    ${bySuite.join(' · ')}`);
    }
  }
  lines.push('', `checks: ${listing.checks.join(', ')}`);
  lines.push('Result ids are operationId/check (stable across versions); `run --only <id prefix>` runs a part.');
  return lines;
}

/** `ims-conformance list`: what the spec defines and what a run would check, without touching the network. */
export async function listCommand(io: CommandIo, argv: string[] = []): Promise<number> {
  const parsed = commandArgs(
    'list',
    argv,
    { options: { json: { type: 'boolean' }, profile: { type: 'string' }, only: { type: 'string', multiple: true } }, usage: LIST_USAGE },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const flags = parsed.values;
  const profile = choice('list', 'profile', flags.profile ?? 'ims', PROFILES, io);
  if (!profile) return 2;
  const listing = await buildListing(flags.only ?? [], profile);
  if (flags.json) io.out(JSON.stringify(listing, null, 2));
  else for (const line of textLines(listing)) io.out(line);
  return 0;
}
