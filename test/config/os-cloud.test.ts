import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { resolveCloud } from '../../src/config/os-cloud.js';

/** clouds.yaml and OS_* as openstackclient reads them, for a principal of the run contract. */
const home = mkdtempSync(join(tmpdir(), 'ims-oscloud-'));
const cwd = mkdtempSync(join(tmpdir(), 'ims-oscloud-cwd-'));
mkdirSync(join(home, '.config', 'openstack'), { recursive: true });
writeFileSync(
  join(home, '.config', 'openstack', 'clouds.yaml'),
  `clouds:
  devstack:
    auth: {auth_url: "http://keystone.example:5000/v3/", username: alice, project_name: P1, user_domain_name: Corp}
  viaToken:
    auth_type: token
    auth: {auth_url: "http://keystone.example:5000", token: tok-123}
`,
);
writeFileSync(join(home, '.config', 'openstack', 'secure.yaml'), 'clouds:\n  devstack:\n    auth: {password: s3cret}\n');

describe('OpenStack credentials: --os-cloud and principals.<name>.cloud', () => {
  const env = { HOME: home };

  it('reads ~/.config/openstack/clouds.yaml, merges the password from secure.yaml, and finds Keystone', () => {
    expect(resolveCloud('devstack', env, 'x', cwd)).toEqual({
      auth: { password: { domain: 'Corp', user: 'alice', password: 's3cret', project: 'P1' } },
      authUrl: 'http://keystone.example:5000',
    });
    expect(resolveCloud('viaToken', env, 'x', cwd)).toEqual({ auth: { token: 'tok-123' }, authUrl: 'http://keystone.example:5000' });
  });

  it('lets OS_* variables override the cloud, and reads them alone for the cloud named envvars', () => {
    expect(resolveCloud('devstack', { ...env, OS_PROJECT_ID: 'p-42', OS_PASSWORD: 'from-env' }, 'x', cwd).auth).toEqual({
      password: { domain: 'Corp', user: 'alice', password: 'from-env', projectId: 'p-42' },
    });
    const envvars = { OS_AUTH_URL: 'https://iam.example/v3', OS_USERNAME: 'bob', OS_PASSWORD: 'pw', OS_PROJECT_NAME: 'P2' };
    expect(resolveCloud('envvars', envvars, 'x', cwd)).toEqual({
      auth: { password: { domain: 'Default', user: 'bob', password: 'pw', project: 'P2' } },
      authUrl: 'https://iam.example',
    });
  });

  it('says in one line what is missing', () => {
    expect(() => resolveCloud('nope', env, '--os-cloud nope', cwd)).toThrow(
      /^--os-cloud nope: .*clouds\.yaml has no cloud "nope" \(it has: devstack, viaToken\)$/,
    );
    expect(() => resolveCloud('devstack', {}, '--os-cloud devstack', cwd)).toThrow(/^--os-cloud devstack: no clouds\.yaml found \(looked in /);
    expect(() => resolveCloud('envvars', { OS_USERNAME: 'bob' }, 'x', cwd)).toThrow('x: cloud "envvars" has no password (auth.password, or OS_PASSWORD)');
  });

  it('--os-cloud gives the owner those credentials (keeping its grants) and points endpoints.iam at the cloud', () => {
    const config = loadConfig({ target: 'https://ims.example', 'os-cloud': 'devstack' }, { ...env, IMS_CONFIG: undefined });
    expect(config.principals.owner).toEqual({ actions: ['ims:*:*'], password: { domain: 'Corp', user: 'alice', password: 's3cret', project: 'P1' } });
    expect(config.endpoints.iam).toBe('http://keystone.example:5000');
    const file = join(cwd, 'run.yaml');
    writeFileSync(
      file,
      'endpoints: {iam: "https://iam.mine"}\nprincipals:\n  owner: {token: old, actions: ["ims:images:*"]}\n  other: {cloud: viaToken, actions: []}\n',
    );
    const both = loadConfig({ config: file, 'os-cloud': 'devstack' }, env);
    expect(both.principals.owner?.actions).toEqual(['ims:images:*']);
    expect(both.principals.owner?.token).toBeUndefined();
    expect(both.principals.other).toEqual({ token: 'tok-123', actions: [] });
    expect(both.endpoints.iam).toBe('https://iam.mine');
  });
});
