import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import type { RunReport } from '../../reports/report-model.js';
import { imsConformance } from '../support/run-cli.js';

/** Distinctive values planted in the config; every one starts with `SECRET-` so even a cut-off leak is found. */
const PLANTED = {
  password: 'SECRET-PASSWORD-7f3a9c-passwordReader',
  ak: 'SECRET-AK-51d0e2-akskUser',
  sk: 'SECRET-SK-9b8c77-akskUser',
  securityToken: 'SECRET-STS-0c4d1e-akskUser',
  header: 'SECRET-HEADER-2e6f80-viaHeaders',
};

/** Every file under a folder, recursively (the report dir, allure-results/ included when present). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The text plus every base64 run in it decoded, twice over: the single-file HTML report embeds its data (results,
 * attachments) as base64 strings, where a plain search would never see a secret.
 */
function withDecoded(text: string, depth = 2): string {
  if (depth === 0) return text;
  const decoded = [...text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)].map((m) =>
    Buffer.from(m[0], m[0].includes('-') || m[0].includes('_') ? 'base64url' : 'base64').toString('latin1'),
  );
  const readable = decoded.filter((d) => /^[\x09\x0a\x0d\x20-\x7e\x80-\xff]*$/.test(d));
  return readable.length === 0 ? text : `${text}\n${withDecoded(readable.join('\n'), depth - 1)}`;
}

describe('no secret reaches any output (built CLI against a mock with planted credentials)', () => {
  let mock: RunningMock;
  const tmp = mkdtempSync(join(tmpdir(), 'ims-secrets-'));
  const reportDir = join(tmp, 'report');
  /** Tokens the mock issued or saw during the run: password logins and every X-Auth-Token sent. */
  const tokensOnTheWire = new Set<string>();
  /** Statuses the mock answered to requests signed with the planted access key. */
  const signedStatuses: number[] = [];
  const plantedHeaderSeen: string[] = [];
  let run: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    // Two faults, so the reports carry failures with their full exchanges and curl lines — the riskiest output.
    mock = await startMock({
      jobDelayMs: 20,
      faults: ['iam-delete-not-enforced', 'bogus-token-accepted'],
      observe: (request, response) => {
        const token = request.headers['x-auth-token'];
        if (token) tokensOnTheWire.add(token);
        if (response.headers['x-subject-token']) tokensOnTheWire.add(response.headers['x-subject-token']);
        if (request.headers['x-planted-secret']) plantedHeaderSeen.push(request.headers['x-planted-secret']);
        if (request.headers.authorization?.includes(`Access=${PLANTED.ak},`)) signedStatuses.push(response.status);
      },
    });
    // The password principal must sign in for real: give its mock user the planted password.
    const passwordUser = mock.state.identity.principals.find((p) => p.spec.auth === 'password');
    if (!passwordUser) throw new Error('the mock has no password principal');
    passwordUser.user.password = PLANTED.password;

    const c = mock.config;
    const principals: Record<string, unknown> = { ...c.principals };
    const owner = c.principals.owner;
    const reader = c.principals.reader;
    if (!owner?.token || !reader?.token) throw new Error('the mock printed no owner/reader token');
    // token: the mock's real owner token, through ${VAR} substitution as CI would pass it.
    principals.owner = { ...owner, token: '${IMS_TEST_OWNER_TOKEN}' };
    // password: the real sign-in, with the planted password.
    principals[passwordUser.name] = {
      ...c.principals[passwordUser.name],
      password: { ...c.principals[passwordUser.name]?.password, password: PLANTED.password },
    };
    // aksk: the planted key pair is a real access key of the mock's AK/SK reader, so requests are signed for real.
    const signer = mock.state.identity.principals.find((p) => p.spec.auth === 'aksk');
    if (!signer) throw new Error('the mock has no AK/SK principal');
    mock.state.directory.addAccessKey(signer.user.id, { ak: PLANTED.ak, sk: PLANTED.sk });
    principals.akskUser = { aksk: { ak: PLANTED.ak, sk: PLANTED.sk, securityToken: PLANTED.securityToken }, actions: ['ims:images:list', 'ims:images:get'] };
    // headers: a real token plus a planted custom header, sent on every request of this principal.
    principals.viaHeaders = { headers: { 'X-Auth-Token': reader.token, 'X-Planted-Secret': PLANTED.header }, actions: reader.actions };
    const configFile = join(tmp, 'config.yaml');
    writeFileSync(configFile, stringify({ ...c, principals }));

    run = await imsConformance(
      ['run', '--target', mock.url, '--config', configFile, '--report-dir', reportDir, '--seed', '3', '--runs', '2', '--report', 'html'],
      {
        env: { IMS_TEST_OWNER_TOKEN: owner.token },
        timeoutMs: 170_000,
      },
    );
  }, 180_000);

  afterAll(async () => {
    await mock?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('ran for real: the faults failed checks, the password principal signed in, the planted header went out', () => {
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
    const report = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8')) as RunReport;
    expect(report.results.some((r) => r.status === 'failed' && r.curl)).toBe(true);
    expect(plantedHeaderSeen.length).toBeGreaterThan(0);
    expect(plantedHeaderSeen.every((v) => v === PLANTED.header)).toBe(true);
    // The planted AK/SK signed requests the mock verified: answered, never refused as unauthenticated.
    expect(signedStatuses.length).toBeGreaterThan(0);
    expect(signedStatuses).not.toContain(401);
    // Tokens the mock issued at run time (password sign-ins) are among those looked for below.
    expect(tokensOnTheWire.size).toBeGreaterThan(Object.values(mock.config.principals).filter((p) => p.token).length);
  });

  it('stdout, stderr and every file under the report dir hold none of the planted secrets nor any mock token', () => {
    const mockTokens = [...new Set([...Object.values(mock.config.principals).flatMap((p) => (p.token ? [p.token] : [])), ...tokensOnTheWire])];
    const secrets = [...Object.values(PLANTED), ...mockTokens];
    const outputs: [string, string][] = [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
      ...filesUnder(reportDir).map((f): [string, string] => [f.slice(reportDir.length + 1), withDecoded(readFileSync(f).toString('latin1'))]),
    ];
    expect(outputs.map(([name]) => name)).toContain('summary.json');
    // The search sees inside the HTML report's embedded data (asked for with --report html).
    const html = outputs.find(([name]) => name === 'report.html');
    expect(html?.[1]).toContain('deleteImage');
    const leaks: string[] = [];
    for (const [name, text] of outputs) {
      if (text.includes('SECRET-'))
        leaks.push(`${name}: planted secret (…${text.slice(Math.max(0, text.indexOf('SECRET-') - 40), text.indexOf('SECRET-') + 40)}…)`);
      // A token cut short is still a leak: look for its first 24 characters too.
      for (const s of secrets)
        if (text.includes(s) || text.includes(s.slice(0, 24)) || text.includes(encodeURIComponent(s))) leaks.push(`${name}: ${s.slice(0, 12)}…`);
    }
    console.info(
      `secrets: ${secrets.length} secrets looked for in ${outputs.length} outputs (${outputs
        .map(([n]) => n)
        .filter((n) => !n.includes('/'))
        .join(', ')}, …)`,
    );
    expect(leaks).toEqual([]);
  });
});
