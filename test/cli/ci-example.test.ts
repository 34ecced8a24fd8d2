import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { secretsOf } from '../../src/config/redact.js';
import { regionEndpoints } from '../../src/preflight/region-endpoints.js';
import { packageRoot } from '../../src/spec/package-root.js';

const root = packageRoot();
const workflowFile = join(root, 'examples', 'ci', 'nightly.yml');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Workflow {
  on: { schedule?: { cron: string }[] };
  jobs: Record<string, { env: Record<string, string>; steps: Step[] }>;
}

const workflow = parse(readFileSync(workflowFile, 'utf8')) as Workflow;
const job = Object.values(workflow.jobs)[0];
const runStep = job?.steps.find((s) => s.run?.includes('ims-conformance run'));
const configPath = /--config (\S+)/.exec(runStep?.run ?? '')?.[1] ?? '';

describe('the nightly CI example', () => {
  it('runs on a schedule, with Node 20, against $IMS_TARGET with the example config, compared with last night', () => {
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(job?.steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(20);
    expect(runStep?.run).toMatch(/^npx ims-conformance run\s+--target "\$IMS_TARGET"\s+--config examples\/ci\/ims-conformance\.yaml\s+--report-dir ims-report/);
    expect(runStep?.run).toContain('${{ steps.previous.outputs.flags }}');
    const previous = job?.steps.find((s) => s.run?.includes('gh run download'));
    expect(previous?.run).toContain('--baseline previous/summary.json --fail-on regressions');
  });

  it('compares with the last green night only: successful runs, whose summary.json is not green: false', () => {
    const previous = job?.steps.find((s) => s.run?.includes('gh run download'))?.run ?? '';
    expect(previous).toContain('--status success');
    expect(previous).not.toContain('--status completed');
    expect(previous).toMatch(/\.green"\)" != "false"/);
  });

  it('pins its seed, and fails on regressions only against a night of the same seed', () => {
    expect(job?.env.IMS_SEED).toMatch(/^\d+$/);
    expect(loadConfig({}, { IMS_SEED: job?.env.IMS_SEED }).seed).toBe(Number(job?.env.IMS_SEED));
    const previous = job?.steps.find((s) => s.run?.includes('gh run download'))?.run ?? '';
    expect(previous).toMatch(/require\('\.\/previous\/summary\.json'\)\.seed"\)" = "\$IMS_SEED"/);
  });

  it('uploads report.html, junit.xml and summary.json even when the run fails, under the name it downloads', () => {
    const upload = job?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.if).toBe('always()');
    for (const file of ['report.html', 'junit.xml', 'summary.json']) expect(String(upload?.with?.path)).toContain(`ims-report/${file}`);
    // report.html is built only when asked for.
    expect(runStep?.run).toMatch(/--report html\b/);
    const downloaded = /--name (\S+)/.exec(job?.steps.find((s) => s.run?.includes('gh run download'))?.run ?? '')?.[1];
    expect(upload?.with?.name).toBe(downloaded);
  });

  it('takes every credential from secrets, never from the workflow or the config file', () => {
    for (const [name, value] of Object.entries(job?.env ?? {}))
      if (/PASSWORD|TOKEN|SECRET|_SK\b|_AK\b/.test(name)) expect(value, name).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    const file = readFileSync(join(root, configPath), 'utf8');
    for (const line of file.split('\n').filter((l) => /password:|token:/.test(l) && !l.trimStart().startsWith('#')))
      for (const m of line.matchAll(/(?:password|token): *("[^"]*"|\S+)/g))
        if (m[1] && !m[1].startsWith('{')) expect(m[1], line).toMatch(/^"?\$\{[A-Z_]+\}"?$/);
  });

  it('its config is a valid run contract once the CI variables are set, and names each variable it needs', () => {
    expect(existsSync(join(root, configPath))).toBe(true);
    const env: Record<string, string> = {};
    for (const name of new Set(
      [
        ...readFileSync(join(root, configPath), 'utf8')
          .replace(/^\s*#.*$/gm, '')
          .matchAll(/\$\{([A-Z_]+)\}/g),
      ].map((m) => m[1] as string),
    ))
      env[name] = name.endsWith('_PROJECT_ID') ? '0123456789abcdef0123456789abcdef' : `value-of-${name}`;
    // Every variable the config reads is set by the workflow.
    expect(Object.keys(env).filter((name) => !(name in (job?.env ?? {})))).toEqual([]);
    const config = loadConfig({ config: join(root, configPath), target: 'https://ims.example.com' }, env);
    expect(Object.keys(config.principals)).toEqual(expect.arrayContaining(['owner', 'reader', 'member']));
    expect(secretsOf(config)).toEqual(expect.arrayContaining(['value-of-IMS_OWNER_PASSWORD', 'value-of-IMS_READER_PASSWORD', 'value-of-IMS_MEMBER_PASSWORD']));
    // Without the secrets the run stops with one line naming the missing variable.
    expect(() => loadConfig({ config: join(root, configPath) }, {})).toThrow(ConfigError);
    expect(() => loadConfig({ config: join(root, configPath) }, {})).toThrow(/\$\{IMS_PROJECT_ID\}, which is not set/);
  });

  it('carries the region’s IAM and ECS endpoints, as the endpoint table gives them (password sign-ins never go to the IMS host)', () => {
    const env = { IMS_PROJECT_ID: 'p', IMS_MEMBER_PROJECT_ID: 'm', IMS_DOMAIN: 'd', IMS_OWNER_USER: 'u', IMS_OWNER_PASSWORD: 'x' };
    const fill = Object.fromEntries(
      [...readFileSync(join(root, configPath), 'utf8').matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => [m[1] as string, `value-of-${m[1]}`]),
    );
    const eude = regionEndpoints('eu-de');
    const config = loadConfig({ config: join(root, configPath), target: eude?.ims }, { ...fill, ...env });
    expect(config.endpoints).toEqual({ iam: eude?.iam, compute: eude?.ecs });
    // Another region: two variables, no edit of the file.
    const other = regionEndpoints('ap-southeast-3');
    expect(loadConfig({ config: join(root, configPath) }, { ...fill, IMS_IAM_ENDPOINT: other?.iam, IMS_COMPUTE_ENDPOINT: other?.ecs }).endpoints).toEqual({
      iam: other?.iam,
      compute: other?.ecs,
    });
  });
});

const gitlabFile = join(root, 'examples', 'ci', 'gitlab-ci.yml');
const gitlab = parse(readFileSync(gitlabFile, 'utf8')) as Record<string, { script: string[]; variables: Record<string, string> }>;
const gitlabJob = Object.values(gitlab)[0];
const gitlabScript = gitlabJob?.script.join('\n') ?? '';
/** The flags of a run line, in order, with the baseline variable parts dropped. */
const runFlags = (line: string): string[] => [...line.matchAll(/--[a-z-]+(?: (?!--)(?:"[^"]*"|[^\s$]\S*))?/g)].map((m) => m[0]);

describe('the GitHub and GitLab CI examples state one baseline rule', () => {
  const githubRun = runStep?.run?.replace(/\s+/g, ' ') ?? '';
  const gitlabRun = gitlabJob?.script.find((l) => l.includes('ims-conformance run')) ?? '';

  it('both run the suite with the same flags, --preflight among them', () => {
    expect(runFlags(githubRun)).toContain('--preflight');
    expect(runFlags(gitlabRun)).toEqual(runFlags(githubRun));
  });

  it('both take the last green night as baseline, never a failed one, and fail on regressions only against the same seed', () => {
    // GitLab's jobs/artifacts/<ref>/download serves the latest successful pipeline; GitHub's list is filtered to success.
    expect(gitlabScript).toContain('/jobs/artifacts/$CI_COMMIT_REF_NAME/download?job=$CI_JOB_NAME');
    expect(gitlabScript).toMatch(/\.green"\)" != "false"/);
    expect(gitlabScript).toMatch(/\.seed"\)" = "\$IMS_SEED"/);
    expect(gitlabScript).toContain('--baseline previous/ims-report/summary.json --fail-on regressions');
    expect(gitlabJob?.variables.IMS_SEED).toBe(job?.env.IMS_SEED);
  });

  it('both say the rule in the same words at their top, and docs/ci.md says it too', () => {
    const rule = (text: string): string =>
      /# Baseline rule[^\n]*\n((?:# {3}[^\n]*\n)+)/.exec(text)?.[1]?.replace(/^#\s+/gm, '').replace(/\s+/g, ' ').trim() ?? '';
    const github = rule(readFileSync(workflowFile, 'utf8'));
    expect(github).toMatch(/last GREEN night, never with a failed one.*--preflight.*skipped now/);
    expect(rule(readFileSync(gitlabFile, 'utf8'))).toBe(github);
    const docs = readFileSync(join(root, 'docs', 'ci.md'), 'utf8');
    expect(docs).toContain('last green night, never with a failed one');
    expect(docs).toContain('examples/ci/gitlab-ci.yml');
  });
});
