import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createAjv } from '../spec/schema-validator.js';
import { CONFIG_DEFAULTS, type Config, type PrincipalConfig } from './config.js';
import { configFileSchema } from './config-schema.js';
import { configFlags, envName, type FlagKind } from './flag-table.js';
import { resolveCloud } from './os-cloud.js';
import { readDataFile } from './read-data-file.js';

/** A configuration problem, worded as one line that names the field; the CLI prints it and exits 2. */
export class ConfigError extends Error {}

/** Flags as the CLI parsed them: strings (or booleans / string lists for switches and repeatables). */
export type RunFlags = Partial<Record<string, string | boolean | string[] | undefined>>;

function convert(value: string | boolean | string[], type: FlagKind, source: string): unknown {
  if (type === 'switch') return value === true || value === 'true' || value === '1';
  if (type === 'list') return (Array.isArray(value) ? value : String(value).split(',')).map((s) => s.trim()).filter(Boolean);
  const text = String(value);
  if (type === 'integer') {
    if (!/^-?\d+$/.test(text)) throw new ConfigError(`${source}: "${text}" is not a whole number`);
    return Number(text);
  }
  if (type === 'number') {
    if (!/^\d+(\.\d+)?$/.test(text)) throw new ConfigError(`${source}: "${text}" is not a number`);
    return Number(text);
  }
  return text;
}

/** Replaces `${NAME}` and `${NAME:-default}` in every string of the file with the environment's values. */
function substitute(value: unknown, env: Record<string, string | undefined>, at: string): unknown {
  if (typeof value === 'string') {
    const empty: string[] = [];
    // `${NAME:-default}` takes the default when NAME is unset or empty, as the shell does.
    const text = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => {
      const found = env[name] === '' && fallback !== undefined ? fallback : (env[name] ?? fallback);
      if (found === undefined) throw new ConfigError(`config file: ${at || '(root)'} uses \${${name}}, which is not set`);
      if (found === '' && fallback === undefined) empty.push(name);
      return found;
    });
    // A field left empty by a variable set to "" (a CI secret that did not resolve) is named with that variable.
    if (text === '' && empty.length > 0) throw new ConfigError(`config file: ${at || '(root)'} uses \${${empty[0]}}, which is set but empty`);
    return text;
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, env, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env, at ? `${at}.${k}` : k)]));
  return value;
}

function readConfigFile(path: string, env: Record<string, string | undefined>): Record<string, unknown> {
  const read = readDataFile('--config', path);
  if (!read.ok) throw new ConfigError(read.problem);
  const parsed = read.data;
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`--config ${path}: the top level must be a mapping`);
  return substitute(parsed, env, '') as Record<string, unknown>;
}

const validateFile = createAjv().compile(configFileSchema);

/** The value at an ajv instance path of the merged config, for messages that quote it. */
function valueAt(data: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), data);
}

function firstError(data: unknown): string {
  const e = validateFile.errors?.[0];
  if (!e) return 'invalid';
  const field = e.instancePath.slice(1).replace(/\//g, '.') || '(root)';
  if (e.keyword === 'required' && field === 'principals' && (e.params as { missingProperty?: string }).missingProperty === 'owner')
    return 'principals.owner is required: it owns every image the run creates (`ims-conformance init` writes one)';
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return `${field} "${String(valueAt(data, e.instancePath))}" is not one of ${allowed.join(', ')}`;
  }
  // Every URL field has this pattern: say what is wrong in words, not the regular expression.
  if (e.keyword === 'pattern' && (e.params as { pattern?: string }).pattern === '^https?://')
    return `${field} "${String(valueAt(data, e.instancePath))}" is not a URL (it must start with http:// or https://)`;
  const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
  const missing = e.params && 'missingProperty' in e.params ? `.${String(e.params.missingProperty)}` : '';
  return `${field}${missing} ${e.message ?? 'is invalid'}${extra}`;
}

/**
 * Builds the run's Config: flags beat `IMS_*` environment variables, which beat the config file (`--config` or
 * `IMS_CONFIG`), which beats the defaults. Throws ConfigError with a one-line message naming the field.
 */
export function loadConfig(flags: RunFlags, env: Record<string, string | undefined>): Config {
  const merged = layered(flags, env);
  const osCloud = merged.osCloud as string | undefined;
  delete merged.osCloud;
  if (osCloud !== undefined) merged.principals = ownerFromCloud(merged.principals, osCloud);
  if (!validateFile(merged)) throw new ConfigError(`config: ${firstError(merged)}`);
  if (merged.target !== undefined && merged.principals === undefined)
    throw new ConfigError('config: principals is required with a target (at least principals.owner with its credentials)');
  const endpoints = { ...((merged.endpoints as Config['endpoints'] | undefined) ?? {}) };
  const principals = resolvePrincipals((merged.principals ?? {}) as Config['principals'], endpoints, env, osCloud !== undefined);
  if (merged.sweep === true && merged.readOnly === true) throw new ConfigError('config: --sweep deletes images, which --read-only forbids');
  const caFile = merged.caFile as string | undefined;
  if (caFile !== undefined) readable('--ca-file', caFile);
  if (caFile !== undefined && merged.insecure === true)
    throw new ConfigError('config: --insecure and --ca-file exclude each other (one skips verification, the other configures it)');
  return withDefaults(merged, principals, endpoints, caFile);
}

/** The config file, then the `IMS_*` variables, then the flags, each over the one before. */
function layered(flags: RunFlags, env: Record<string, string | undefined>): Record<string, unknown> {
  const configPath = (flags.config as string | undefined) ?? env[envName('config')];
  const merged: Record<string, unknown> = configPath ? readConfigFile(configPath, env) : {};
  for (const s of configFlags()) {
    const fromEnv = env[envName(s.name)];
    if (fromEnv !== undefined && fromEnv !== '') merged[s.configKey] = convert(fromEnv, s.kind, envName(s.name));
  }
  // An empty IMS_TARGET is a CI secret that did not resolve: a run against the embedded mock would pass for the cloud.
  if (env[envName('target')] === '' && flags.target === undefined && merged.target === undefined)
    throw new ConfigError(`${envName('target')} is set but empty: give the IMS base URL, or unset it to test the embedded mock`);
  for (const s of configFlags()) {
    const fromFlag = flags[s.name];
    if (fromFlag !== undefined) merged[s.configKey] = convert(fromFlag, s.kind, `--${s.name}`);
  }
  return merged;
}

/** --os-cloud NAME: the owner signs in as openstackclient would for that cloud (its grants stay as configured). */
function ownerFromCloud(given: unknown, cloud: string): Record<string, unknown> {
  const principals = (given ?? {}) as Record<string, Record<string, unknown>>;
  const { token: _t, password: _p, aksk: _a, headers: _h, ...grants } = principals.owner ?? { actions: ['ims:*:*'] };
  return { ...principals, owner: { ...grants, cloud } };
}

/** Exactly one way to authenticate per principal; AK/SK keys and clouds.yaml entries are read here, once. */
function resolvePrincipals(
  principals: Config['principals'],
  endpoints: Config['endpoints'],
  env: Record<string, string | undefined>,
  ownerFromFlag: boolean,
): Config['principals'] {
  for (const [name, p] of Object.entries(principals)) {
    const methods = (['token', 'password', 'aksk', 'headers', 'cloud'] as const).filter((m) => p[m] !== undefined);
    if (methods.length !== 1)
      throw new ConfigError(
        `config: principals.${name} needs exactly one of token, password, aksk, headers, cloud (has ${methods.length > 0 ? methods.join(', ') : 'none'})`,
      );
    if (p.aksk) p.aksk = akskFromEnv(name, p.aksk, env);
    if (p.cloud) {
      const where = name === 'owner' && ownerFromFlag ? `--os-cloud ${p.cloud}` : `config: principals.${name}.cloud ${p.cloud}`;
      const found = cloudCredentials(p.cloud, env, where);
      const { cloud: _c, ...rest } = p;
      principals[name] = { ...rest, ...found.auth };
      // Password principals sign in at the cloud's Keystone unless the config names the IAM endpoint.
      if (found.authUrl && found.auth.password) endpoints.iam ??= found.authUrl;
    }
  }
  return principals;
}

function withDefaults(merged: Record<string, unknown>, principals: Config['principals'], endpoints: Config['endpoints'], caFile: string | undefined): Config {
  return {
    target: merged.target as string | undefined,
    endpoints,
    projectId: merged.projectId as string | undefined,
    principals,
    fixtures: (merged.fixtures as Record<string, string> | undefined) ?? {},
    profile: (merged.profile as Config['profile'] | undefined) ?? CONFIG_DEFAULTS.profile,
    reportDir: (merged.reportDir as string | undefined) ?? CONFIG_DEFAULTS.reportDir,
    seed: (merged.seed as number | undefined) ?? randomBytes(4).readUInt32BE() % 2 ** 31,
    runs: (merged.runs as number | undefined) ?? CONFIG_DEFAULTS.runs,
    only: (merged.only as string[] | undefined) ?? CONFIG_DEFAULTS.only,
    readOnly: (merged.readOnly as boolean | undefined) ?? CONFIG_DEFAULTS.readOnly,
    sweep: (merged.sweep as boolean | undefined) ?? false,
    concurrency: (merged.concurrency as number | undefined) ?? CONFIG_DEFAULTS.concurrency,
    rate: merged.rate as number | undefined,
    maxResources: merged.maxResources as number | undefined,
    timeoutMs: (merged.timeoutMs as number | undefined) ?? CONFIG_DEFAULTS.timeoutMs,
    pollTimeoutMs:
      (merged.pollTimeoutMs as number | undefined) ?? (merged.target === undefined ? CONFIG_DEFAULTS.embeddedPollTimeoutMs : CONFIG_DEFAULTS.pollTimeoutMs),
    runId: `imsc-${randomBytes(4).toString('hex')}`,
    tls: { insecure: (merged.insecure as boolean | undefined) ?? false, ...(caFile !== undefined ? { caFile } : {}) },
  };
}

/** Huawei's SDK conventions: an `aksk` principal without keys takes HUAWEICLOUD_SDK_AK / _SK / _SECURITY_TOKEN. */
function akskFromEnv(
  name: string,
  aksk: Partial<NonNullable<PrincipalConfig['aksk']>>,
  env: Record<string, string | undefined>,
): NonNullable<PrincipalConfig['aksk']> {
  const ak = aksk.ak ?? env.HUAWEICLOUD_SDK_AK;
  const sk = aksk.sk ?? env.HUAWEICLOUD_SDK_SK;
  const securityToken = aksk.securityToken ?? env.HUAWEICLOUD_SDK_SECURITY_TOKEN;
  if (!ak) throw new ConfigError(`config: principals.${name}.aksk.ak is not set, nor is HUAWEICLOUD_SDK_AK`);
  if (!sk) throw new ConfigError(`config: principals.${name}.aksk.sk is not set, nor is HUAWEICLOUD_SDK_SK`);
  return { ak, sk, ...(securityToken ? { securityToken } : {}) };
}

function cloudCredentials(name: string, env: Record<string, string | undefined>, where: string): ReturnType<typeof resolveCloud> {
  try {
    return resolveCloud(name, env, where);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function readable(flag: string, path: string): void {
  try {
    readFileSync(path);
  } catch (error) {
    throw new ConfigError(`${flag} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
