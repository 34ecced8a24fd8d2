import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PrincipalAuth } from './config.js';
import { readDataFile } from './read-data-file.js';

/** A principal's credentials as openstackclient would find them, and the Keystone it signs in at. */
export interface CloudCredentials {
  auth: PrincipalAuth;
  /** Keystone's base URL (without `/v3`), for `endpoints.iam`. */
  authUrl: string | undefined;
}

type Auth = Record<string, unknown>;
type Env = Record<string, string | undefined>;

/** Where openstacksdk looks, in order: OS_CLIENT_CONFIG_FILE, then the working directory, the user's and the system's. */
function candidates(env: Env, cwd: string, file: 'clouds' | 'secure'): string[] {
  const names = ['yaml', 'yml', 'json'].map((ext) => `${file}.${ext}`);
  const dirs = [cwd, ...(env.HOME ? [join(env.HOME, '.config', 'openstack')] : []), '/etc/openstack'];
  const explicit = file === 'clouds' ? env.OS_CLIENT_CONFIG_FILE : env.OS_CLIENT_SECURE_FILE;
  return [...(explicit ? [explicit] : []), ...dirs.flatMap((d) => names.map((n) => join(d, n)))];
}

function cloudsIn(path: string | undefined, fail: (problem: string) => never): Record<string, { auth?: Auth; auth_type?: string }> {
  if (!path) return {};
  const read = readDataFile('--os-cloud', path);
  if (!read.ok) fail(read.problem);
  const clouds = (read.data as { clouds?: unknown } | null)?.clouds;
  return clouds && typeof clouds === 'object' ? (clouds as Record<string, { auth?: Auth }>) : {};
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The OS_* variables openstackclient reads, as `auth` keys; they override the cloud's own values. */
function authFromEnv(env: Env): Auth {
  const keys: Record<string, string> = {
    OS_AUTH_URL: 'auth_url',
    OS_USERNAME: 'username',
    OS_PASSWORD: 'password',
    OS_PROJECT_NAME: 'project_name',
    OS_TENANT_NAME: 'project_name',
    OS_PROJECT_ID: 'project_id',
    OS_TENANT_ID: 'project_id',
    OS_USER_DOMAIN_NAME: 'user_domain_name',
    OS_DOMAIN_NAME: 'domain_name',
    OS_PROJECT_DOMAIN_NAME: 'project_domain_name',
    OS_TOKEN: 'token',
  };
  return Object.fromEntries(Object.entries(keys).flatMap(([name, key]) => (env[name] ? [[key, env[name]]] : [])));
}

/**
 * Resolves `cloud` the way openstackclient does: an entry of clouds.yaml (merged with secure.yaml), with OS_*
 * variables on top; the name `envvars` means the OS_* variables alone. Password and token auth are supported;
 * a password principal signs in at the cloud's `auth_url` like any other. Problems are one line naming `where`.
 */
export function resolveCloud(name: string, env: Env, where: string, cwd: string = process.cwd()): CloudCredentials {
  const fail = (problem: string): never => {
    throw new Error(`${where}: ${problem}`);
  };
  let auth: Auth = {};
  if (name !== 'envvars') {
    const cloudsFile = candidates(env, cwd, 'clouds').find((p) => existsSync(p));
    if (!cloudsFile)
      fail(
        `no clouds.yaml found (looked in ${candidates(env, cwd, 'clouds')
          .filter((p) => p.endsWith('.yaml'))
          .join(', ')})`,
      );
    const clouds = cloudsIn(cloudsFile, fail);
    const cloud = clouds[name];
    if (!cloud) fail(`${cloudsFile} has no cloud "${name}" (it has: ${Object.keys(clouds).join(', ') || 'none'})`);
    const secure = cloudsIn(
      candidates(env, cwd, 'secure').find((p) => existsSync(p)),
      fail,
    )[name];
    auth = { ...cloud?.auth, ...secure?.auth };
  }
  auth = { ...auth, ...authFromEnv(env) };
  const authUrl = text(auth.auth_url)?.replace(/\/+$/, '').replace(/\/v3$/, '');
  const token = text(auth.token);
  if (token) return { auth: { token }, authUrl };
  const user = text(auth.username);
  const password = text(auth.password);
  if (!user || !password)
    fail(`cloud "${name}" has no ${user ? 'password' : 'username'} (auth.${user ? 'password' : 'username'}, or OS_${user ? 'PASSWORD' : 'USERNAME'})`);
  const domain = text(auth.user_domain_name) ?? text(auth.domain_name) ?? 'Default';
  const projectId = text(auth.project_id);
  const project = text(auth.project_name);
  return {
    auth: { password: { domain, user: user as string, password: password as string, ...(projectId ? { projectId } : project ? { project } : {}) } },
    authUrl,
  };
}
