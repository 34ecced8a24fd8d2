import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PrincipalConfig } from '../config/config.js';
import { PROFILES } from '../spec/operations.js';
import type { Profile } from '../spec/profile-overlay.js';
import { fixtureCatalogue } from '../preflight/fixture-catalogue.js';
import { principalCatalogue, purposeOf } from '../preflight/principal-catalogue.js';
import { type RegionEndpoints, regionEndpoints, regionNames } from '../preflight/region-endpoints.js';
import { loadSpec } from '../spec/load-spec.js';
import { packageRoot } from '../spec/package-root.js';
import { choice, commandArgs, type CommandIo } from './command-args.js';

export const DEFAULT_INIT_FILE = 'ims-conformance.yaml';

export const INIT_USAGE = `usage: ims-conformance init [--profile ims|openstack] [--region REGION] [--out FILE]
Writes a commented run contract (default ${DEFAULT_INIT_FILE}) naming every principal and fixture the suite can use,
each with what it is for and which checks are skipped without it. Never overwrites a file.
  --region REGION  a Huawei Cloud or Open Telekom Cloud region (eu-de, ap-southeast-3, …): target, endpoints.iam and
                   endpoints.compute are written from the public endpoint tables. Without it a terminal is asked;
                   otherwise they are left as \${…} placeholders and comments.
exit 0 = written · 2 = usage error, or the file exists
`;

/** What \`init\` needs besides printing: a question to the user, only when stdin is a terminal. */
export interface InitIo extends CommandIo {
  ask?: (question: string) => Promise<string>;
}

const CLOUD_NAME = { huawei: 'Huawei Cloud', otc: 'Open Telekom Cloud' } as const;

/** The target and endpoint lines: a region's endpoints from the tables, or placeholders to fill in. */
function endpointLines(region: RegionEndpoints | undefined): string[] {
  if (!region)
    return [
      'target: "${IMS_TARGET}"               # the image service base URL (GET / answers its versions)',
      '# endpoints:                          # Huawei Cloud and OTC serve them on hosts of their own: `init --region` writes them',
      '#   compute: https://…                # ECS / Nova v2.1: createImage of a server; the doctor reads serverId there',
      '#   iam: https://…                    # IAM / Keystone: password principals get their tokens there',
    ];
  return [
    `target: ${region.ims}   # IMS of ${region.region} (${CLOUD_NAME[region.cloud]} endpoint table; GET / answers its versions)`,
    'endpoints:',
    `  compute: ${region.ecs}   # ECS / Nova v2.1: createImage of a server; the doctor reads serverId there`,
    `  iam: ${region.iam}   # IAM / Keystone: password principals get their tokens there`,
  ];
}

/** `noDelete` → `NO_DELETE`: the principal's part of its `${IMS_…}` variable names. */
export const envPart = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();

const flow = (value: readonly string[]): string => `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;

const PROJECT_VARIABLE: Record<string, string | undefined> = { primary: undefined, secondary: 'IMS_MEMBER_PROJECT_ID', tertiary: 'IMS_STRANGER_PROJECT_ID' };

function authLines(name: string, auth: string | undefined): string[] {
  const v = envPart(name);
  switch (auth) {
    case 'password':
      return [`    password: {domain: "\${IMS_DOMAIN}", user: "\${IMS_${v}_USER}", password: "\${IMS_${v}_PASSWORD}"}`];
    case 'aksk':
      return ['    aksk: {}                           # keys from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK (/ _SECURITY_TOKEN), as Huawei’s SDKs read them'];
    case 'headers':
      return [`    headers: {X-Auth-Token: "\${IMS_${v}_TOKEN}"}   # sent as they are`];
    default:
      return [`    token: "\${IMS_${v}_TOKEN}"`];
  }
}

function imsPrincipals(): string[] {
  const lines: string[] = [];
  for (const p of principalCatalogue()) {
    lines.push(`  # ${p.name} — ${p.purpose}.`, `  #   ${p.needs}.`, `  ${p.name}:`, ...authLines(p.name, p.spec.auth));
    lines.push(`    actions: ${flow(p.spec.actions)}`);
    if (p.spec.deny) lines.push(`    deny: ${flow(p.spec.deny)}`);
    const projectVariable = PROJECT_VARIABLE[p.spec.project];
    if (projectVariable)
      lines.push(`    projectId: "\${${projectVariable}}"    # must differ from projectId${p.spec.project === 'tertiary' ? ' and from the member’s' : ''}`);
    if (p.spec.enterpriseProject)
      lines.push(
        `    enterpriseProjectId: "\${IMS_${envPart(p.name)}_ENTERPRISE_PROJECT_ID}"   # an enterprise project other than the owner’s images’ (default "0"); the actions are granted there only`,
      );
  }
  return lines;
}

/** The openstack profile's principals are the users scripts/openstack/up.sh creates (examples/openstack.yaml). */
function openstackPrincipals(): string[] {
  const example = parse(readFileSync(join(packageRoot(), 'examples', 'openstack.yaml'), 'utf8')) as { principals: Record<string, PrincipalConfig> };
  const lines: string[] = [];
  for (const [name, p] of Object.entries(example.principals)) {
    const project = p.password?.project ?? 'P1';
    const v = envPart(name);
    lines.push(
      `  # ${name} — ${purposeOf(name)}. Keystone: a user with its role on project ${project} (see \`ims-conformance policies\`).`,
      `  ${name}:`,
      `    password: {domain: "\${OS_USER_DOMAIN_NAME:-Default}", user: "\${IMS_${v}_USER}", password: "\${IMS_${v}_PASSWORD}", project: "\${IMS_${v}_PROJECT:-${project}}"}`,
      `    actions: ${flow(p.actions)}`,
    );
  }
  return lines;
}

/** The commented run contract `init` writes: every principal and fixture the suite can use, secrets as `${ENV}`. */
export async function initConfigText(profile: Profile, region?: RegionEndpoints): Promise<string> {
  const { operations } = await loadSpec(undefined, profile);
  const fixtures = fixtureCatalogue(operations.filter((op) => op.profiles.includes(profile)));
  const lines = [
    `# ims-conformance run contract, written by \`ims-conformance init --profile ${profile}${region ? ` --region ${region.region}` : ''}\`.`,
    '# Set every ${VARIABLE} (export it; `${NAME:-default}` has a default) or write the value here. Secrets belong in',
    '# the environment, never in this file. A principal or fixture you cannot provide may be deleted: the checks that',
    '# need it are then skipped with that reason (never counted as passed).',
    '# Next: `ims-conformance policies --config <this file>` (what to create in IAM), `ims-conformance doctor --config',
    '# <this file>` (is it all there?), then `ims-conformance run --config <this file> --preflight`.',
    `profile: ${profile}`,
    ...endpointLines(region),
  ];
  if (profile === 'ims') lines.push('projectId: "${IMS_PROJECT_ID}"       # the owner’s project (the region’s project id)');
  lines.push('principals:', ...(profile === 'ims' ? imsPrincipals() : openstackPrincipals()));
  if (fixtures.length === 0) lines.push('fixtures: {}                         # no operation of this profile needs one');
  else {
    lines.push('fixtures:                             # what already exists on the cloud; the run never creates or deletes these');
    for (const f of fixtures) {
      lines.push(`  # ${f.name}: ${f.mustBe}.`, `  #   used by: ${f.operations.join(', ')}`);
      lines.push(`  ${f.name}: "\${IMS_FIXTURE_${envPart(f.name)}}"`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The region: --region, or (on a terminal) the user's answer; undefined for placeholders, null after a usage error. */
async function chosenRegion(given: string | undefined, io: InitIo): Promise<RegionEndpoints | undefined | null> {
  let name = given;
  if (name === undefined && io.ask) {
    name = (await io.ask('Huawei Cloud or OTC region (e.g. eu-de, ap-southeast-3; empty: placeholders): ')).trim();
    if (name === '') return undefined;
  }
  if (name === undefined) return undefined;
  const region = choice('init', 'region', name, regionNames(), io);
  return region === undefined ? null : regionEndpoints(region);
}

/** `ims-conformance init [--profile ims|openstack] [--region R] [--out FILE]`: writes the config; never overwrites a file. */
export async function initCommand(argv: string[], io: InitIo): Promise<number> {
  const parsed = commandArgs(
    'init',
    argv,
    { options: { profile: { type: 'string' }, region: { type: 'string' }, out: { type: 'string' } }, usage: INIT_USAGE },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const profile = choice('init', 'profile', values.profile ?? 'ims', PROFILES, io);
  if (!profile) return 2;
  if (profile !== 'ims' && values.region !== undefined) {
    io.err('ims-conformance init: --region names a Huawei Cloud or OTC region, which the ims profile is for; an OpenStack cloud’s endpoints are its own');
    return 2;
  }
  const region = profile === 'ims' ? await chosenRegion(values.region, io) : undefined;
  if (region === null) return 2;
  const out = values.out ?? DEFAULT_INIT_FILE;
  const text = await initConfigText(profile, region);
  try {
    // 'wx': a config someone already filled in is never replaced.
    writeFileSync(out, text, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      code === 'EEXIST'
        ? `ims-conformance init: ${out} exists; not overwriting it (remove it or choose another --out)`
        : `ims-conformance init: cannot write ${out} (${(error as Error).message})`,
    );
    return 2;
  }
  io.out(
    `wrote ${out} (profile ${profile}${region ? `, region ${region.region}` : ''}): set its \${…} variables, then \`ims-conformance policies --config ${out}\` and \`ims-conformance doctor --config ${out}\``,
  );
  return 0;
}
