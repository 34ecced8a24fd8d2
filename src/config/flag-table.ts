/**
 * The one list of the `run` and `doctor` flags. The argument parser, the `IMS_*` variable names, `run --help` and
 * README's flag table are all made from it (test/config/flag-table.test.ts holds README to it), so a flag is added
 * or renamed in one place.
 */

/** How a flag's text becomes a value: `switch` takes none; `list` repeats (and splits on commas from the env). */
export type FlagKind = 'string' | 'integer' | 'number' | 'switch' | 'list';

export type FlagCommand = 'run' | 'doctor';

export interface Flag {
  name: string;
  /** The value's placeholder in help and README (`URL`, `N`, `ims|openstack`); none for a switch. */
  value?: string;
  kind: FlagKind;
  /** The Config field a run-contract flag sets (config file < IMS_* < flag); absent for flags that only steer the CLI. */
  configKey?: string;
  /** False for flags without an `IMS_*` variable (embedded-mock switches, console verbosity, preflight). */
  env: boolean;
  commands: readonly FlagCommand[];
  /** What it does, with the default in brackets: one line of help, one cell of README. */
  meaning: string;
}

const BOTH: readonly FlagCommand[] = ['run', 'doctor'];
const RUN: readonly FlagCommand[] = ['run'];

export const FLAGS: readonly Flag[] = [
  {
    name: 'target',
    value: 'URL',
    kind: 'string',
    configKey: 'target',
    env: true,
    commands: BOTH,
    meaning: 'IMS base URL (GET / lives here); none = the embedded mock',
  },
  {
    name: 'config',
    value: 'FILE',
    kind: 'string',
    env: true,
    commands: BOTH,
    meaning: 'run contract, YAML or JSON, `${ENV_VAR}` / `${ENV_VAR:-default}` substituted',
  },
  {
    name: 'profile',
    value: 'ims|openstack',
    kind: 'string',
    configKey: 'profile',
    env: true,
    commands: BOTH,
    meaning: 'contract to hold the target to (`ims`)',
  },
  {
    name: 'seed',
    value: 'N',
    kind: 'integer',
    configKey: 'seed',
    env: true,
    commands: RUN,
    meaning:
      'seed of every generator, unknown id and unique name (random, printed) — the same seed, config and target state send the same requests (only the run id differs); pin it in CI (docs/ci.md)',
  },
  { name: 'runs', value: 'N', kind: 'integer', configKey: 'runs', env: true, commands: RUN, meaning: 'examples per property (10)' },
  {
    name: 'only',
    value: 'PREFIX',
    kind: 'list',
    configKey: 'only',
    env: true,
    commands: RUN,
    meaning: 'result ids to run, e.g. `showImage/`, `deleteImage/iam-denied` (repeatable)',
  },
  {
    name: 'read-only',
    kind: 'switch',
    configKey: 'readOnly',
    env: true,
    commands: RUN,
    meaning: 'only requests that change nothing; the rest is skipped with the reason',
  },
  {
    name: 'concurrency',
    value: 'N',
    kind: 'integer',
    configKey: 'concurrency',
    env: true,
    commands: RUN,
    meaning: 'requests in flight at the target at once, across all suite files (16)',
  },
  { name: 'rate', value: 'R', kind: 'number', configKey: 'rate', env: true, commands: RUN, meaning: 'client-side requests per second (unlimited)' },
  { name: 'timeout', value: 'MS', kind: 'integer', configKey: 'timeoutMs', env: true, commands: BOTH, meaning: 'per-request deadline (30000)' },
  {
    name: 'poll-timeout',
    value: 'MS',
    kind: 'integer',
    configKey: 'pollTimeoutMs',
    env: true,
    commands: RUN,
    meaning: 'how long jobs and image states are polled (600000; 10000 on the embedded mock)',
  },
  { name: 'project-id', value: 'ID', kind: 'string', configKey: 'projectId', env: true, commands: BOTH, meaning: 'the owner’s project id' },
  {
    name: 'insecure',
    kind: 'switch',
    configKey: 'insecure',
    env: true,
    commands: BOTH,
    meaning: 'do not verify the target’s TLS certificate (explicit only; off)',
  },
  {
    name: 'ca-file',
    value: 'PEM',
    kind: 'string',
    configKey: 'caFile',
    env: true,
    commands: BOTH,
    meaning: 'trust this CA bundle besides Node’s roots (a private cloud’s CA)',
  },
  {
    name: 'os-cloud',
    value: 'NAME',
    kind: 'string',
    configKey: 'osCloud',
    env: true,
    commands: BOTH,
    meaning: 'the owner signs in as openstackclient would for cloud NAME of clouds.yaml (`envvars`: the `OS_*` variables)',
  },
  {
    name: 'max-resources',
    value: 'N',
    kind: 'integer',
    configKey: 'maxResources',
    env: true,
    commands: RUN,
    meaning:
      'at most N images of the run alive at once (quota-limited projects); suite files then run one at a time, and a check that cannot get room within the poll timeout is skipped with that reason',
  },
  {
    name: 'sweep',
    kind: 'switch',
    configKey: 'sweep',
    env: true,
    commands: RUN,
    meaning: 'first delete what earlier runs left (images named and tagged with a run id; nothing else)',
  },
  { name: 'report-dir', value: 'DIR', kind: 'string', configKey: 'reportDir', env: true, commands: RUN, meaning: 'where the reports go (`ims-report`)' },
  {
    name: 'report',
    value: 'html',
    kind: 'list',
    env: true,
    commands: RUN,
    meaning: 'also build `report.html`, the Allure HTML report (off: it takes seconds; `ims-conformance report DIR` builds it later from `summary.json`)',
  },
  { name: 'waivers', value: 'FILE', kind: 'string', env: true, commands: RUN, meaning: 'known deviations reported as waived (see below)' },
  { name: 'baseline', value: 'FILE', kind: 'string', env: true, commands: RUN, meaning: 'a previous `summary.json` to compare with' },
  { name: 'fail-on', value: 'any|regressions', kind: 'string', env: true, commands: RUN, meaning: 'what fails the run (`any`)' },
  { name: 'strict', kind: 'switch', env: true, commands: RUN, meaning: 'advisories fail the run too (off: an advisory is shown, never a failure)' },
  { name: 'shard', value: 'i/n', kind: 'string', env: true, commands: RUN, meaning: 'run part i of n (join the parts with `merge`)' },
  { name: 'preflight', kind: 'switch', env: false, commands: RUN, meaning: 'first the `doctor` checks; stop (exit 2) with their failures when one fails' },
  {
    name: 'mock-fault',
    value: 'NAME',
    kind: 'list',
    env: false,
    commands: RUN,
    meaning: 'switch a named fault on in the embedded mock (see `ims-conformance mock --fault list`; repeatable)',
  },
  {
    name: 'mock-variant',
    value: 'default|alternative|ims-errors',
    kind: 'string',
    env: false,
    commands: RUN,
    meaning:
      'the embedded mock’s personality: `alternative` takes the other documented reading at every judgement point, `ims-errors` answers every error situation as the IMS error table does (400 + IMG code) (see `ims-conformance mock --variant list`)',
  },
  {
    name: 'mock-appear-delay',
    value: 'MS',
    kind: 'string',
    env: false,
    commands: RUN,
    meaning: 'the embedded mock shows images made by Nova createImage or by jobs only MS after (0: at once), as clouds that make them in the background do',
  },
  { name: 'verbose', kind: 'switch', env: false, commands: RUN, meaning: 'one line per test' },
  { name: 'quiet', kind: 'switch', env: false, commands: RUN, meaning: 'only the verdict line' },
  {
    name: 'no-color',
    kind: 'switch',
    env: false,
    commands: BOTH,
    meaning: 'no colour in the console output (also when `NO_COLOR` is set; colour is only ever used on a terminal)',
  },
];

/** `report-dir` → `IMS_REPORT_DIR`. */
export const envName = (flag: string): string => `IMS_${flag.toUpperCase().replace(/-/g, '_')}`;

export const flagsOf = (command: FlagCommand): Flag[] => FLAGS.filter((f) => f.commands.includes(command));

/** The flags that set a Config field, for the config loader. */
export const configFlags = (): (Flag & { configKey: string })[] => FLAGS.filter((f): f is Flag & { configKey: string } => f.configKey !== undefined);

/** `node:util` parseArgs options for a command: strings, switches, and repeatable lists. */
export function parseOptions(command: FlagCommand): Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> {
  return Object.fromEntries(
    flagsOf(command).map((f) => [
      f.name,
      f.kind === 'switch' ? { type: 'boolean' } : f.kind === 'list' ? { type: 'string', multiple: true } : { type: 'string' },
    ]),
  );
}

const usageOf = (f: Flag): string => (f.value ? `--${f.name} ${f.value}` : `--${f.name}`);

/** The options part of `<command> --help`: one line per flag, its variable, its meaning (Markdown backticks dropped). */
export function helpLines(command: FlagCommand): string[] {
  const rows = flagsOf(command);
  const width = Math.max(...rows.map((f) => usageOf(f).length));
  const envWidth = Math.max(...rows.map((f) => (f.env ? envName(f.name).length : 0)));
  return rows.map((f) => `  ${usageOf(f).padEnd(width)}  ${(f.env ? envName(f.name) : '').padEnd(envWidth)}  ${f.meaning.replace(/`/g, '')}`);
}

/** README's flag table (between the `flags:begin` / `flags:end` markers), for the `run` command. */
export function readmeFlagTable(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  return [
    '| flag | env | meaning (default) | doctor too |',
    '|---|---|---|---|',
    ...flagsOf('run').map(
      (f) => `| \`${cell(usageOf(f))}\` | ${f.env ? `\`${envName(f.name)}\`` : ''} | ${cell(f.meaning)} | ${f.commands.includes('doctor') ? 'yes' : ''} |`,
    ),
  ].join('\n');
}
