import { randomUUID } from 'node:crypto';
import type { Config, PrincipalConfig } from '../config/config.js';
import { scrub, secretsOf } from '../config/redact.js';
import { expectedDecision, expectedDenialStatus } from '../engine/expected-decision.js';
import { RunContext } from '../engine/run-context.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { SpecOperation } from '../model/operation.js';
import { row, type DoctorRow } from './doctor-row.js';
import { fixtureRows } from './fixture-rows.js';
import { listed } from './listed-names.js';
import { roleRows } from './role-rows.js';
import { computeRow, getJson, iamRow, targetRow } from './endpoint-rows.js';
import { actualProject } from './token-project.js';

/**
 * The preflight doctor: in seconds, and changing nothing (GET only, plus the password principals' sign-ins),
 * whether a run of this config would judge what it should or skip for setup reasons. One row per item.
 */
export type { DoctorRow, DoctorStatus } from './doctor-row.js';

/** AK/SK signatures older or newer than this are refused (Huawei's API gateway; the mock does the same). */
export const MAX_SKEW_MS = 15 * 60_000;

/** The listing the profile serves (a plain Glance has no /v2/cloudimages): the read every principal is probed with. */
function listOperation(ctx: RunContext): SpecOperation {
  return ctx.roles('image.list').find((op) => op.profiles.includes(ctx.config.profile)) ?? ctx.role('image.list');
}

/** Exit 0 only when nothing failed: warnings and what cannot be checked from here do not make the run skip. */
export const doctorPasses = (rows: readonly DoctorRow[]): boolean => rows.every((r) => r.status !== 'fail');

export async function runDoctor(config: Config & { target: string }, spec: LoadedSpec, now: () => number = Date.now): Promise<DoctorRow[]> {
  // Read-only as the last line of defence: RunContext.call sends nothing but GET/HEAD under it.
  const ctx = new RunContext({ ...config, readOnly: true, timeoutMs: Math.min(config.timeoutMs, 10_000) }, spec);
  try {
    const rows: DoctorRow[] = [];
    const reached = await targetRows(ctx, config, now);
    rows.push(...reached.rows);
    if (!reached.ok) return rows;
    const iam = await iamRow(ctx, config);
    rows.push(iam.row);
    const compute = await computeRow(ctx, config);
    if (compute) rows.push(compute);
    const principals = await Promise.all(Object.entries(config.principals).map(([name, p]) => principalRows(ctx, name, p, iam.ok)));
    const projectId = projectIdRows(config, principals);
    rows.push(...projectId.rows);
    rows.push(
      ...principals.flatMap((p) =>
        projectId.blamed.has(p.name)
          ? p.rows.map((r) =>
              r.item.endsWith('signs in')
                ? row(r.item, 'cannot-check', `not judged: its AK/SK requests name projectId ${config.projectId ?? ''}, which is wrong (see projectId)`)
                : r,
            )
          : p.rows,
      ),
    );
    const unknown = principals.filter((p) => p.unknownProject !== undefined);
    if (unknown.length > 0)
      rows.push(
        row(
          'principals’ projects',
          'cannot-check',
          `${listed(unknown.map((p) => p.name))}: ${unknown[0]?.unknownProject ?? ''}; their configured projects are taken as they are`,
        ),
      );
    const signedIn = principals.filter((p) => !p.rows.some((r) => r.status !== 'ok' && r.item.endsWith('signs in'))).map((p) => p.name);
    rows.push(...(await readGrantRows(ctx, signedIn)));
    const projects = Object.fromEntries(principals.map((p) => [p.name, p.project]));
    rows.push(...roleRows(config, projects));
    rows.push(...(await fixtureRows(ctx, config, projects.owner)));
    // What came back from the target is quoted in places; no configured secret may ride along.
    const secrets = secretsOf(config);
    return rows.map((r) => ({ ...r, detail: scrub(r.detail, secrets) }));
  } finally {
    await ctx.close();
  }
}

async function targetRows(ctx: RunContext, config: Config & { target: string }, now: () => number): Promise<{ ok: boolean; rows: DoctorRow[] }> {
  const reached = await getJson(ctx, `${ctx.bases.image}/`);
  const target = targetRow(config, reached);
  if (!target.ok || !reached.ok) return { ok: false, rows: [target.row] };
  const rows = [target.row];
  const date = Date.parse(reached.response.headers.date ?? '');
  const aksk = Object.keys(config.principals).filter((n) => config.principals[n]?.aksk);
  if (Number.isNaN(date))
    rows.push(row('clock skew', 'cannot-check', 'the target sends no Date header; keep this machine’s clock in sync (NTP) for AK/SK signing'));
  else {
    // The Date header has whole seconds; the answer took reached.durationMs.
    const skew = Math.abs(now() - reached.durationMs / 2 - date);
    const seconds = Math.round(skew / 1000);
    if (skew < MAX_SKEW_MS - 60_000) rows.push(row('clock skew', 'ok', `${seconds} s against the target’s Date header (AK/SK allows 15 min)`));
    else
      rows.push(
        row(
          'clock skew',
          aksk.length > 0 ? 'fail' : 'warn',
          `${seconds} s against the target’s Date header: AK/SK signatures (${aksk.join(', ') || 'none configured'}) are refused beyond 15 min; sync this machine’s clock (NTP)`,
        ),
      );
  }
  return { ok: true, rows };
}

interface PrincipalFindings {
  name: string;
  /** Its credentials act in another project than the top-level projectId it inherits (one projectId line says so). */
  inheritedMismatch?: { seen: string; declared: string };
  /** An AK/SK principal whose signed requests were refused (they name the declared project: X-Project-Id). */
  akskRefused?: boolean;
  /** The project it acts in, as far as can be told (declared, or what its sign-in/token says). */
  project: string | undefined;
  rows: DoctorRow[];
  /** Why its project could not be told from here (then the declared one is taken). */
  unknownProject?: string;
}

/**
 * Signs the principal in (password principals get their token), then lists one image as it: 401 means its
 * credentials do not work; allowed or refused must match what its declared actions say about listing.
 */
async function principalRows(ctx: RunContext, name: string, p: PrincipalConfig, iamOk: boolean): Promise<PrincipalFindings> {
  const rows: DoctorRow[] = [];
  const item = `principal ${name}`;
  const inherits = !p.projectId && !p.password?.projectId;
  const declared = p.projectId ?? p.password?.projectId ?? ctx.config.projectId;
  // A password is never sent to a host that is not the identity service: the endpoints.iam line says what to fix.
  if (p.password && !iamOk)
    return {
      name,
      project: declared,
      rows: [
        row(
          `${item}: signs in`,
          'cannot-check',
          `not tried: it signs in at endpoints.iam, which is ${ctx.config.endpoints.iam ? 'no identity service' : 'not set'} (see that line)`,
        ),
      ],
    };
  const list = listOperation(ctx);
  const reply = await ctx.call(list, { as: name }, { query: { limit: 1 } });
  if (!reply.ok)
    return { name, project: declared, rows: [row(`${item}: signs in`, 'fail', `${oneLine(reply.message)}: check principals.${name}’s credentials`)] };
  const status = reply.exchange.response.status;
  if (status === 401)
    return {
      name,
      project: declared,
      akskRefused: p.aksk !== undefined,
      rows: [
        row(
          `${item}: signs in`,
          'fail',
          p.aksk
            ? // Permanent AK/SK keys do not expire; a refused signature is wrong keys, or a project the keys do not belong to.
              `${list.method.toUpperCase()} ${list.path} answered 401: its AK/SK signature was refused for project ${declared ?? '(none)'}; check principals.${name}.aksk and that ${inherits ? 'projectId' : `principals.${name}.projectId`} is the keys’ project`
            : `${list.method.toUpperCase()} ${list.path} answered 401: principals.${name}’s credentials are wrong or expired; renew them`,
        ),
      ],
    };
  rows.push(row(`${item}: signs in`, 'ok', `${list.method.toUpperCase()} ${list.path} answered ${status}`));

  const project = await actualProject(ctx, name, p, declared);
  const findings: Partial<PrincipalFindings> = {};
  if (project.seen && declared && project.seen !== declared && inherits) findings.inheritedMismatch = { seen: project.seen, declared };
  else if (project.seen && declared && project.seen !== declared)
    rows.push(
      row(
        `${item}: project`,
        'fail',
        `acts in project ${project.seen}, the config says ${declared}: set principals.${name}.projectId to ${project.seen}, or scope its credentials to ${declared}`,
      ),
    );
  else if (project.seen) rows.push(row(`${item}: project`, 'ok', `acts in ${project.seen}${declared ? ' as configured' : ''}`));
  else return { name, project: declared, rows: [...rows, ...grantRows(ctx, name, p, status, declared)], unknownProject: project.why };
  return { name, ...findings, project: project.seen ?? declared, rows: [...rows, ...grantRows(ctx, name, p, status, project.seen ?? declared)] };
}

/**
 * Principals without a projectId of their own take the top-level one: when their credentials act elsewhere, the one
 * field to fix is `projectId`, said once (not once per principal). AK/SK principals name that project in every
 * request, so their refusal is not judged until it is right.
 */
function projectIdRows(config: Config, principals: PrincipalFindings[]): { rows: DoctorRow[]; blamed: Set<string> } {
  const wrong = principals.filter((p) => p.inheritedMismatch);
  const seen = [...new Set(wrong.map((p) => p.inheritedMismatch?.seen))];
  if (wrong.length === 0) return { rows: [], blamed: new Set() };
  const names = wrong.map((p) => p.name);
  const detail =
    seen.length === 1
      ? `is ${config.projectId}, but ${listed(names)} ${names.length === 1 ? 'acts' : 'act'} in project ${seen[0]}: set projectId to ${seen[0]}`
      : `is ${config.projectId}, but ${wrong.map((p) => `${p.name} acts in ${p.inheritedMismatch?.seen}`).join(', ')}: give each principal its projectId, or scope its credentials to ${config.projectId}`;
  const refused = principals.filter((p) => p.akskRefused && !config.principals[p.name]?.projectId).map((p) => p.name);
  return { rows: [row('projectId', 'fail', detail)], blamed: new Set(refused) };
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** Whether listing answered as the principal's declared actions say: allowed, or refused with the documented status. */
function grantRows(ctx: RunContext, name: string, p: PrincipalConfig, status: number, project: string | undefined): DoctorRow[] {
  const rows: DoctorRow[] = [];
  const item = `principal ${name}`;
  const list = listOperation(ctx);

  const decision = expectedDecision(p, list, undefined);
  const denial = expectedDenialStatus(p, list);
  const allowed = status >= 200 && status < 300;
  if (decision.allowed && allowed) rows.push(row(`${item}: grants`, 'ok', `may list images, as its actions say`));
  else if (decision.allowed)
    rows.push(
      row(
        `${item}: grants`,
        'fail',
        `its actions allow ${list.iam.actions.join(', ')} but listing answered ${status}: attach its policy (\`ims-conformance policies\`) in ${p.enterpriseProjectId ? `enterprise project ${p.enterpriseProjectId}` : `project ${project ?? '?'}`}`,
      ),
    );
  else if (status === denial) rows.push(row(`${item}: grants`, 'ok', `refused listing (${status}), as its actions say`));
  else if (allowed)
    rows.push(
      row(
        `${item}: grants`,
        'fail',
        `may list images although its actions do not allow ${list.iam.actions.join(', ')}: it holds more than declared; detach extra policies/groups (or declare the actions it really has)`,
      ),
    );
  else rows.push(row(`${item}: grants`, 'warn', `listing answered ${status}, the documents say ${denial} for a caller lacking ${list.iam.actions.join(', ')}`));
  return rows;
}

/**
 * Grants beyond listing, judged by reads that name an image that does not exist (nothing is read or changed):
 * a caller the IAM facts deny gets the denial status only if the target authorizes before it looks the id up,
 * which a principal expected to be refused shows (calibration). Then an "unknown id" answer to a principal the
 * facts deny means it holds more than declared (a reader granted ims:images:share), and a denial to one they allow
 * means it holds less. Without calibration a 404 tells nothing, and is not reported as ok.
 */
async function readGrantRows(ctx: RunContext, names: readonly string[]): Promise<DoctorRow[]> {
  const reads = imageReadsById(ctx);
  if (reads.length === 0) return [];
  type Probe = { name: string; op: SpecOperation; status: number | undefined; allowed: boolean; denial: number };
  const probes: Probe[] = await Promise.all(
    names.flatMap((name) =>
      reads.map(async (op): Promise<Probe> => {
        const p = ctx.config.principals[name] as PrincipalConfig;
        const params = Object.fromEntries([...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1] as string, randomUUID()]));
        const reply = await ctx.call(op, { as: name }, { params });
        return {
          name,
          op,
          status: reply.ok ? reply.exchange.response.status : undefined,
          allowed: expectedDecision(p, op, undefined).allowed,
          denial: expectedDenialStatus(p, op),
        };
      }),
    ),
  );
  // A denial status that an unknown id could also earn (Glance's 404 for callers that may not read) tells nothing.
  const telling = probes.filter((x) => !x.op.unknownIdStatuses.includes(x.denial));
  const authorizesFirst = new Set(telling.filter((x) => !x.allowed && x.status === x.denial).map((x) => x.op));
  return names.map((name) => {
    const mine = telling.filter((x) => x.name === name);
    const more = mine.filter((x) => !x.allowed && authorizesFirst.has(x.op) && x.status !== undefined && x.op.unknownIdStatuses.includes(x.status));
    const less = mine.filter((x) => x.allowed && x.status === x.denial);
    const judged = mine.filter((x) => authorizesFirst.has(x.op) || x.allowed);
    const item = `principal ${name}: grants beyond listing`;
    const ops = (xs: Probe[]): string => xs.map((x) => `${x.op.operationId} (${x.op.iam.actions.join(' + ')})`).join(', ');
    if (more.length > 0) return row(item, 'fail', `holds more than declared: allowed ${ops(more)}; detach the extra policies, or declare those actions`);
    if (less.length > 0) return row(item, 'fail', `holds less than declared: refused ${ops(less)}; attach its policy (\`ims-conformance policies\`)`);
    if (judged.length === 0)
      return row(item, 'cannot-check', 'the target answers unknown ids before checking IAM, so reads of a missing image cannot tell what it holds');
    return row(item, 'ok', `${judged.length} reads of a missing image answered as its actions say`);
  });
}

/** The profile's IAM-guarded reads of one thing by id on the image endpoint, listing aside. */
function imageReadsById(ctx: RunContext): SpecOperation[] {
  const list = listOperation(ctx);
  return ctx.spec.operations.filter(
    (op) =>
      op.method === 'get' &&
      op !== list &&
      op.profiles.includes(ctx.config.profile) &&
      op.iam.actions.length > 0 &&
      /\{[^}]+\}/.test(op.path) &&
      op.endpoint === 'image',
  );
}
