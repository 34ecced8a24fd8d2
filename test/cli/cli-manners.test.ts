import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/spec/package-root.js';
import { cli, imsConformance } from '../support/run-cli.js';

/** Everyday CLI manners (issue 25): version, help on every command, colour switches, and errors that say what is wrong. */
const dir = mkdtempSync(join(tmpdir(), 'imsc-manners-'));
const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

describe('--version and --help', () => {
  it('--version prints the tool version, exit 0', async () => {
    const run = await imsConformance(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `ims-conformance ${version}\n`, stderr: '' });
  });

  it.each(['run', 'doctor', 'mock', 'list', 'report', 'merge', 'init', 'policies'])('%s --help prints its usage, exit 0', async (command) => {
    const run = await imsConformance([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: ims-conformance ${command}\\b`));
    expect(run.stderr).toBe('');
  });

  it('the top level takes --help too, and names --version and --no-color', async () => {
    const run = await imsConformance(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: ims-conformance <command>/);
    expect(run.stdout).toContain('--version');
    expect(run.stdout).toContain('--no-color');
  });
});

/** The CLI on a pseudo-terminal (util-linux `script`), where colour is on unless switched off. */
async function onTerminal(args: string[], env: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, cli, ...args].map((a) => `'${a}'`).join(' ');
  const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR')), TERM: 'xterm', ...env },
    timeout: 120_000,
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return stdout;
}
const COLOUR = /\x1b\[(3\d|1|2)m/;

describe('colour', () => {
  const args = (name: string) => ['run', '--only', 'listVersions/', '--report-dir', join(dir, name)];

  it('is on at a terminal, and off with --no-color or NO_COLOR', async () => {
    const [plain, flag, env] = await Promise.all([onTerminal(args('a')), onTerminal([...args('b'), '--no-color']), onTerminal(args('c'), { NO_COLOR: '1' })]);
    // The control shows the probe can see colour at all.
    expect(plain).toMatch(/PASSED/);
    expect(plain).toMatch(COLOUR);
    expect(flag).toMatch(/PASSED/);
    expect(flag).not.toMatch(COLOUR);
    expect(env).toMatch(/PASSED/);
    expect(env).not.toMatch(COLOUR);
  }, 120_000);

  it('every other command accepts --no-color', async () => {
    const run = await imsConformance(['list', '--no-color']);
    expect(run.code).toBe(0);
    expect((await imsConformance(['doctor', '--no-color', '--help'])).code).toBe(0);
  });
});

describe('errors that say what is wrong', () => {
  it('a bad enum lists the choices', async () => {
    const run = await imsConformance(['run', '--profile', 'aws']);
    expect(run).toMatchObject({ code: 2, stderr: 'ims-conformance run: config: profile "aws" is not one of ims, openstack\n' });
    const doctor = await imsConformance(['doctor'], { env: { IMS_PROFILE: 'aws' } });
    expect(doctor).toMatchObject({ code: 2, stderr: 'ims-conformance doctor: config: profile "aws" is not one of ims, openstack\n' });
  });

  it('a URL that is not one says "not a URL", not "must match pattern"', async () => {
    const run = await imsConformance(['run', '--target', 'not-a-url']);
    expect(run).toMatchObject({ code: 2, stderr: 'ims-conformance run: config: target "not-a-url" is not a URL (it must start with http:// or https://)\n' });
    const file = join(dir, 'endpoints.yaml');
    writeFileSync(file, 'endpoints: {iam: iam.eu-de.otc.t-systems.com}\n');
    const doctor = await imsConformance(['doctor', '--config', file]);
    expect(doctor.stderr).toBe(
      'ims-conformance doctor: config: endpoints.iam "iam.eu-de.otc.t-systems.com" is not a URL (it must start with http:// or https://)\n',
    );
  });

  it('an empty ${VAR} in a config is reported naming the variable', async () => {
    const file = join(dir, 'empty-var.yaml');
    writeFileSync(file, 'principals:\n  owner: {token: "${IMS_OWNER_TOKEN}", actions: ["ims:*:*"]}\n');
    const run = await imsConformance(['doctor', '--config', file], { env: { IMS_OWNER_TOKEN: '' } });
    expect(run).toMatchObject({
      code: 2,
      stderr: 'ims-conformance doctor: config file: principals.owner.token uses ${IMS_OWNER_TOKEN}, which is set but empty\n',
    });
  });

  it('IMS_TARGET="" with no config is an error (exit 2, one line), not a silent run against the embedded mock', async () => {
    const run = await imsConformance(['run'], { env: { IMS_TARGET: '' } });
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'ims-conformance run: IMS_TARGET is set but empty: give the IMS base URL, or unset it to test the embedded mock\n',
    });
  });
});
