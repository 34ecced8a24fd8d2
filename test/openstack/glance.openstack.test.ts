import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunReport } from '../../reports/report-model.js';
import { expectedDecision } from '../../src/engine/expected-decision.js';
import { reportHtmlText } from '../../reports/write-html.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { packageRoot } from '../../src/spec/package-root.js';
import { imsConformance, type CliRun } from '../support/run-cli.js';

/**
 * The `openstack` profile against a real OpenStack: Debian's Glance 25 behind Keystone 22 tokens, as
 * scripts/openstack/up.sh starts them (`npm run test:openstack` does, then runs this file and stops them).
 * Nothing here knows Glance's answers: the suite must give the right verdict on a server it did not write.
 */
const root = packageRoot();
const stateDir = process.env.IMS_OPENSTACK_DIR ?? join(root, '.openstack');
const SEED = '1';

/** The `export NAME=value` lines up.sh wrote: target, Keystone and the generated passwords. */
function deploymentEnv(): Record<string, string> {
  const file = join(stateDir, 'env');
  if (!existsSync(file)) throw new Error(`${file} is missing: start Glance and Keystone with scripts/openstack/up.sh (npm run test:openstack does)`);
  return Object.fromEntries([...readFileSync(file, 'utf8').matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

const readReport = (dir: string): RunReport => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunReport;

/** The Glance policy rule that guards each operation (glance/policies/image.py `operations`). */
const GLANCE_RULE: Record<string, string> = {
  listImages: 'get_images',
  showImage: 'get_image',
  createImage: 'add_image',
  updateImage: 'modify_image',
  deleteImage: 'delete_image',
  uploadImageFile: 'upload_image',
  addImageMember: 'add_member',
  listImageMembers: 'get_members',
  showImageMember: 'get_member',
  updateImageMember: 'modify_member',
  deleteImageMember: 'delete_member',
};

/** Glance's own decisions per role, as scripts/openstack/glance-policy-check.py wrote them for this deployment. */
type GlancePolicy = { rules: Record<string, { check: string; allows: Record<'owner-project' | 'member-project', string[]> }> };

type Principal = { actions: string[]; deny?: string[]; password: { user: string; project: string } };

describe('the openstack profile against a real Glance 25 and Keystone', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ims-openstack-'));
  const reportDir = join(tmp, 'run');
  const liarDir = join(tmp, 'liar');
  let env: Record<string, string>;
  let run: CliRun;
  let report: RunReport;

  beforeAll(async () => {
    env = deploymentEnv();
    const args = ['run', '--config', join(root, 'examples', 'openstack.yaml'), '--waivers', join(root, 'examples', 'openstack-waivers.yaml'), '--seed', SEED];
    run = await imsConformance([...args, '--report-dir', reportDir], { env, timeoutMs: 600_000 });
    console.info(`openstack run: exit ${run.code} in ${run.ms} ms\n${run.stdout.split('\n').slice(-4).join('\n')}`);
    report = readReport(reportDir);
  }, 660_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is green: no failure and no harness error (known Glance bugs are waived, each with its reason)', () => {
    const broken = report.results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => `${r.id}: ${r.message.slice(0, 300)}`);
    expect(broken, `${run.stdout}\n${run.stderr}`).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.verdict).toBe('passed');
    expect(report.profile).toBe('openstack');
    for (const r of report.results.filter((x) => x.status === 'waived')) expect(r.waiver?.reason).toMatch(/Glance 25/);
  });

  it('declares for each principal what Glance’s shipped default policy grants its Keystone role, operation by operation', async () => {
    const glance = JSON.parse(readFileSync(join(stateDir, 'glance-policy.json'), 'utf8')) as GlancePolicy;
    const roleOf = new Map(
      readFileSync(join(stateDir, 'role-assignments'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [user, project, role] = line.split(' ');
          return [user as string, { project: project as string, role: role as string }];
        }),
    );
    const config = parse(readFileSync(join(root, 'examples', 'openstack.yaml'), 'utf8')) as { principals: Record<string, Principal> };
    const principals = Object.entries(config.principals).map(([name, p]) => ({
      name,
      config: p,
      ...(roleOf.get(p.password.user) as { project: string; role: string }),
    }));
    const ownerProject = principals.find((p) => p.name === 'owner')?.project;
    const spec = await loadSpec(undefined, 'openstack');
    const mismatches: string[] = [];
    let compared = 0;
    for (const [operationId, rule] of Object.entries(GLANCE_RULE)) {
      const op = spec.operations.find((o) => o.operationId === operationId);
      if (!op) throw new Error(`no ${operationId} in the openstack profile`);
      // Accepting a share is the member project's call (Glance's modify_member: project_id:%(member_id)s); every
      // other call is made on an image of the owner's project. Compared there: the principals the IAM checks
      // probe, i.e. those of the owner's project other than the owner when the member calls, and all of the
      // calling project's (the owner's own refusal to accept its own share is that operation's rule, not IAM).
      const calledByMember = operationId === 'updateImageMember';
      const memberProject = principals.find((p) => p.name === 'member')?.project;
      for (const p of principals) {
        const where = p.project === ownerProject ? 'owner-project' : calledByMember && p.project === memberProject ? 'member-project' : undefined;
        if (!where || (calledByMember && p.name === 'owner')) continue;
        const glanceAllows = glance.rules[rule]?.allows[where].includes(p.role);
        const suiteAllows = expectedDecision(p.config, op, undefined).allowed;
        compared++;
        if (glanceAllows !== suiteAllows)
          mismatches.push(
            `${operationId} as ${p.name} (role ${p.role}): Glance ${rule} ${glanceAllows ? 'allows' : 'denies'}, the profile expects ${suiteAllows ? 'allowed' : 'denied'}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(Object.keys(GLANCE_RULE).length * 3);
    // The case the shipped defaults decide against the IMS permission tables: a project reader reads members.
    expect(glance.rules.get_members?.allows['owner-project']).toContain('reader');
    expect(glance.rules.add_member?.allows['owner-project']).not.toContain('reader');
  });

  it('checks every operation Glance and Keystone serve, with every kind of check', async () => {
    const spec = await loadSpec(undefined, 'openstack');
    const served = spec.operations.filter((op) => op.profiles.includes('openstack')).map((op) => op.operationId);
    // The versions, token and image/member calls; the discovery calls (schemas, version documents) come on top.
    const core = [
      'listVersions',
      'createToken',
      'listImages',
      'createImage',
      'showImage',
      'updateImage',
      'deleteImage',
      'uploadImageFile',
      'addImageMember',
      'listImageMembers',
      'showImageMember',
      'updateImageMember',
      'deleteImageMember',
    ];
    expect(served).toEqual(expect.arrayContaining(core));
    for (const operationId of served) {
      const passed = report.results.filter((r) => r.operationId === operationId && r.status === 'passed').map((r) => r.check);
      expect(passed.length, `${operationId}: nothing passed`).toBeGreaterThan(0);
      if (core.includes(operationId)) expect(passed, operationId).toContain('status-expected');
    }
    const passedChecks = new Set(report.results.filter((r) => r.status === 'passed').map((r) => r.check));
    for (const check of [
      'status-documented',
      'status-expected',
      'content-type',
      'response-schema',
      'response-headers',
      'no-server-error',
      'auth-missing',
      'auth-invalid',
      'iam-denied',
      'iam-allowed',
      'tenant-isolation',
      'unknown-id-404',
      'invalid-input-rejected',
      'valid-input-accepted',
      'use-after-delete',
      'created-readable',
      'pagination',
      'sharing-semantics',
    ])
      expect([...passedChecks], check).toContain(check);
  });

  it('skips what Glance does not serve (IMS extensions, v1/v1.1, Nova) with the reason, never passing it', async () => {
    const spec = await loadSpec(undefined, 'openstack');
    const outside = new Set(spec.operations.filter((op) => !op.profiles.includes('openstack')).map((op) => op.operationId));
    expect(outside.size).toBe(16);
    const theirs = report.results.filter((r) => outside.has(r.operationId));
    expect(theirs.length).toBeGreaterThan(0);
    for (const r of theirs) {
      expect(r.status, r.id).toBe('skipped');
      expect(r.message).toMatch(/not part of the openstack profile: OpenStack Glance and Keystone do not serve it/);
    }
  });

  it('says in the acceptance report what was waived and why', () => {
    // Markdown escapes punctuation (`image\_id`); compare the text as a reader sees it.
    const md = readFileSync(join(reportDir, 'summary.md'), 'utf8').replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
    expect(md).toMatch(/openstack/);
    for (const r of report.results.filter((x) => x.status === 'waived')) expect(md).toContain(r.waiver?.reason as string);
  });

  it('writes no password and no Keystone token anywhere: stdout, stderr, summary, junit, allure results, report.html', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
    // report.html carries its data encoded: read it decoded, as a browser would show it.
    const text = (f: string): string => (f.endsWith('report.html') ? reportHtmlText(readFileSync(f, 'utf8')) : readFileSync(f).toString('latin1'));
    const texts = [run.stdout, run.stderr, ...files(reportDir).map(text)];
    const passwords = [env.IMS_OPENSTACK_PASSWORD, env.IMS_OPENSTACK_ADMIN_PASSWORD].filter((p): p is string => typeof p === 'string' && p.length >= 8);
    expect(passwords).toHaveLength(2);
    for (const text of texts) {
      for (const password of passwords) expect(text.includes(password)).toBe(false);
      // Keystone's fernet tokens start gAAAAA.
      expect(text.match(/gAAAAA[A-Za-z0-9_-]{40,}/g) ?? []).toEqual([]);
    }
  });

  it('signs the owner in from clouds.yaml with --os-cloud, as openstackclient would', async () => {
    const viaCloud = await imsConformance(
      [
        'run',
        '--config',
        join(root, 'examples', 'openstack.yaml'),
        '--os-cloud',
        'ims-owner',
        '--seed',
        SEED,
        '--only',
        'listImages/status-expected',
        '--only',
        'createImage/status-expected',
        '--report-dir',
        join(tmp, 'cloud'),
      ],
      { env: { ...env, OS_CLIENT_CONFIG_FILE: join(stateDir, 'clouds.yaml') }, timeoutMs: 300_000 },
    );
    expect(viaCloud.code, viaCloud.stdout).toBe(0);
    const results = readReport(join(tmp, 'cloud')).results;
    expect(results.filter((r) => r.status === 'passed').map((r) => r.id)).toEqual(
      expect.arrayContaining(['createImage/status-expected', 'listImages/status-expected']),
    );
    expect(results.filter((r) => r.status === 'failed' || r.status === 'error')).toEqual([]);
  }, 320_000);

  it('with a contract naming no endpoints.iam, skips GET /v3 and the token call with the reason and fails nothing', async () => {
    // Token principals (signed in here, at Keystone) and no identity endpoint: the image host is all the run knows.
    const contract = parse(readFileSync(join(root, 'examples', 'openstack.yaml'), 'utf8')) as {
      endpoints?: unknown;
      principals: Record<string, Principal & { token?: string }>;
    };
    delete contract.endpoints;
    for (const p of Object.values(contract.principals)) {
      const signIn = await fetch(`${env.IMS_OPENSTACK_IAM}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: p.password.user, domain: { name: 'Default' }, password: env.IMS_OPENSTACK_PASSWORD } },
            },
            scope: { project: { name: p.password.project, domain: { name: 'Default' } } },
          },
        }),
      });
      expect(signIn.status, p.password.user).toBe(201);
      p.token = signIn.headers.get('x-subject-token') as string;
      delete (p as { password?: unknown }).password;
    }
    const tokens = join(tmp, 'no-iam.yaml');
    writeFileSync(tokens, stringify({ ...contract, target: env.IMS_OPENSTACK_TARGET }), { mode: 0o600 });
    const only = ['showIdentityVersion/', 'createToken/', 'listVersions/', 'listImages/', 'showImage/', 'createImage/'].flatMap((o) => ['--only', o]);
    const noIamDir = join(tmp, 'no-iam');
    const waivers = ['--waivers', join(root, 'examples', 'openstack-waivers.yaml')];
    const noIam = await imsConformance(['run', '--config', tokens, ...waivers, '--seed', SEED, ...only, '--report-dir', noIamDir], { env, timeoutMs: 300_000 });
    const results = readReport(noIamDir).results;
    expect(results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    expect(noIam.code, noIam.stdout).toBe(0);
    const identity = results.filter((r) => r.operationId === 'showIdentityVersion' || r.operationId === 'createToken');
    expect(identity.length).toBeGreaterThan(0);
    for (const r of identity) expect([r.id, r.status, r.message]).toEqual([r.id, 'skipped', expect.stringMatching(/endpoints\.iam is not configured/)]);
    expect(results.filter((r) => r.status === 'passed').map((r) => r.id)).toEqual(
      expect.arrayContaining(['listImages/status-expected', 'showImage/status-expected']),
    );
  }, 320_000);

  it('fails on the same Glance when the contract claims more than Glance grants (the checks bite on a real server)', async () => {
    const contract = parse(readFileSync(join(root, 'examples', 'openstack.yaml'), 'utf8')) as { principals: Record<string, { actions: string[] }> };
    (contract.principals.reader as { actions: string[] }).actions = ['ims:*:*'];
    const liar = join(tmp, 'liar.yaml');
    writeFileSync(liar, stringify(contract));
    const lied = await imsConformance(['run', '--config', liar, '--seed', SEED, '--only', 'deleteImage/iam-allowed', '--report-dir', liarDir], {
      env,
      timeoutMs: 300_000,
    });
    expect(lied.code, lied.stdout).toBe(1);
    const failed = readReport(liarDir).results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id)).toEqual(['deleteImage/iam-allowed']);
    expect(failed[0]?.message).toMatch(/reader/);
  }, 320_000);
});
