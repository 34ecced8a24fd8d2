import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { REDACTED, redactConfig, scrub, secretsOf } from '../../src/config/redact.js';

const dir = mkdtempSync(join(tmpdir(), 'ims-config-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const yaml = file(
  'run.yaml',
  `target: https://ims.example.com
projectId: p1
runs: 5
principals:
  owner:
    token: \${OWNER_TOKEN}
    actions: ["ims:*:*"]
  reader: {token: "\${READER_TOKEN:-fallback-token}", actions: ["ims:images:list"]}
fixtures: {serverId: s1}
`,
);

describe('loadConfig', () => {
  it('reads the file and substitutes ${VAR} and ${VAR:-default} from the environment', () => {
    const config = loadConfig({ config: yaml }, { OWNER_TOKEN: 'tok-owner' });
    expect(config.target).toBe('https://ims.example.com');
    expect(config.principals.owner?.token).toBe('tok-owner');
    expect(config.principals.reader?.token).toBe('fallback-token');
    expect(config.runs).toBe(5);
  });

  it('lets IMS_* variables beat the file and flags beat both', () => {
    const env = { OWNER_TOKEN: 't', IMS_RUNS: '7', IMS_TARGET: 'http://env.example' };
    expect(loadConfig({ config: yaml }, env)).toMatchObject({ runs: 7, target: 'http://env.example' });
    expect(loadConfig({ config: yaml, runs: '9', target: 'http://flag.example' }, env)).toMatchObject({ runs: 9, target: 'http://flag.example' });
  });

  it('takes the file from IMS_CONFIG when --config is absent', () => {
    expect(loadConfig({}, { IMS_CONFIG: yaml, OWNER_TOKEN: 't' }).projectId).toBe('p1');
  });

  it('defaults to the embedded mock with no target and no file', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({ target: undefined, profile: 'ims', readOnly: false, only: [] });
    expect(config.runId).toMatch(/^imsc-[0-9a-f]{8}$/);
  });

  it.each([
    [{ runs: 'many' }, {}, '--runs: "many" is not a whole number'],
    [{ profile: 'aws' }, {}, 'config: profile "aws" is not one of ims, openstack'],
    [{}, { IMS_CONCURRENCY: '0' }, 'config: concurrency must be >= 1'],
    [{ target: 'ftp://x' }, {}, 'config: target "ftp://x" is not a URL (it must start with http:// or https://)'],
    [{ target: 'http://x' }, {}, 'config: principals is required with a target'],
    [{ config: join(dir, 'missing.yaml') }, {}, 'cannot read it (ENOENT)'],
    [{ config: yaml }, {}, 'config file: principals.owner.token uses ${OWNER_TOKEN}, which is not set'],
  ])('rejects %j %j with one line naming the field', (flags, env, message) => {
    expect(() => loadConfig(flags, env)).toThrow(ConfigError);
    expect(() => loadConfig(flags, env)).toThrow(message);
  });

  it('rejects a principal with no or two authentication methods, and unknown fields', () => {
    const two = file('two.yaml', 'principals: {owner: {token: a, headers: {X: y}, actions: []}}');
    expect(() => loadConfig({ config: two }, {})).toThrow('principals.owner needs exactly one of token, password, aksk, headers, cloud (has token, headers)');
    const typo = file('typo.yaml', 'principals: {owner: {token: a, action: []}}');
    expect(() => loadConfig({ config: typo }, {})).toThrow('config: principals.owner.actions must have required property');
    const extra = file('extra.yaml', 'targt: http://x');
    expect(() => loadConfig({ config: extra }, {})).toThrow('(targt)');
  });

  it('takes AK/SK keys a principal leaves out from HUAWEICLOUD_SDK_AK / _SK / _SECURITY_TOKEN, as Huawei SDKs do', () => {
    const keys = file('keys.yaml', 'principals: {owner: {aksk: {}, actions: []}, other: {aksk: {ak: OWN, sk: OWNSK}, actions: []}}');
    const env = { HUAWEICLOUD_SDK_AK: 'ENVAK', HUAWEICLOUD_SDK_SK: 'ENVSK', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'ENVSTS' };
    const config = loadConfig({ config: keys }, env);
    expect(config.principals.owner?.aksk).toEqual({ ak: 'ENVAK', sk: 'ENVSK', securityToken: 'ENVSTS' });
    expect(config.principals.other?.aksk).toEqual({ ak: 'OWN', sk: 'OWNSK', securityToken: 'ENVSTS' });
    expect(() => loadConfig({ config: keys }, { HUAWEICLOUD_SDK_AK: 'ENVAK' })).toThrow(
      'config: principals.owner.aksk.sk is not set, nor is HUAWEICLOUD_SDK_SK',
    );
  });

  it('verifies TLS unless --insecure is given; --ca-file must be readable and excludes --insecure', () => {
    expect(loadConfig({}, {}).tls).toEqual({ insecure: false });
    expect(loadConfig({ insecure: true }, {}).tls).toEqual({ insecure: true });
    expect(loadConfig({}, { IMS_INSECURE: '1' }).tls.insecure).toBe(true);
    const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\n');
    expect(loadConfig({ 'ca-file': ca }, {}).tls).toEqual({ insecure: false, caFile: ca });
    expect(() => loadConfig({ 'ca-file': join(dir, 'nope.pem') }, {})).toThrow(/^--ca-file .*nope\.pem: cannot read it \(ENOENT\)$/);
    expect(() => loadConfig({ 'ca-file': ca, insecure: true }, {})).toThrow('--insecure and --ca-file exclude each other');
  });
});

describe('redaction', () => {
  const config = loadConfig(
    {
      config: file(
        'secrets.yaml',
        `principals:
  owner: {token: owner-token-123, actions: []}
  pw: {password: {domain: d, user: u, password: pass-word-9}, actions: []}
  keys: {aksk: {ak: AKVALUE1, sk: SKSECRET2}, actions: []}
  gw: {headers: {X-Gateway-Key: gw-key-77}, actions: []}
`,
      ),
    },
    {},
  );

  it('replaces every credential and keeps the shape', () => {
    const text = JSON.stringify(redactConfig(config));
    for (const secret of ['owner-token-123', 'pass-word-9', 'AKVALUE1', 'SKSECRET2', 'gw-key-77']) expect(text).not.toContain(secret);
    expect(redactConfig(config).principals.gw?.headers).toEqual({ 'X-Gateway-Key': REDACTED });
  });

  it('scrubs the secrets out of any text', () => {
    expect(scrub('curl -H "X-Auth-Token: owner-token-123" -u u:pass-word-9', secretsOf(config))).toBe(`curl -H "X-Auth-Token: ${REDACTED}" -u u:${REDACTED}`);
  });
});
