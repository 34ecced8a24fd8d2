import type { OpenAPIV3_1 } from 'openapi-types';
import { pointerOf } from '../model/json-pointer.js';
import { docIds } from './provenance.js';
import type {
  ConditionalAction,
  Endpoint,
  HttpMethod,
  IamCondition,
  IamPrerequisite,
  IamScopes,
  Precondition,
  ServiceRole,
  SourceRef,
  SpecOperation,
} from '../model/operation.js';
import { parseDenialStatus } from './iam-facts.js';

export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

const PRECONDITION_VALUES: Record<keyof Precondition, (v: unknown) => boolean> = {
  image: (v) => v === 'queued' || v === 'active' || v === 'shared',
  caller: (v) => v === 'owner' || v === 'member' || v === 'password',
  fixtures: (v) => isStringArray(v),
  memberProject: (v) => typeof v === 'boolean',
  job: (v) => typeof v === 'boolean',
};

/** The contracts a target can be held to: `ims` (the IMS documents) and `openstack` (Glance's where they differ). */
export const PROFILES = ['ims', 'openstack'] as const;

function isServiceRole(value: unknown): value is ServiceRole {
  const v = value as Partial<ServiceRole> | null;
  return typeof v?.service === 'string' && typeof v.role === 'string';
}

/** `x-iam-prerequisites` read into `IamPrerequisite`s; undefined when malformed. */
export function parseIamPrerequisites(value: unknown): IamPrerequisite[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const parsed: IamPrerequisite[] = [];
  for (const item of value as Record<string, unknown>[]) {
    if (item === null || typeof item !== 'object' || typeof item.source !== 'string') return undefined;
    if (item.when !== undefined && typeof item.when !== 'string') return undefined;
    if (item.condition !== undefined && (item.when === undefined || item.condition === null || typeof item.condition !== 'object')) return undefined;
    const anyOf: unknown[] = Array.isArray(item.anyOf) ? item.anyOf : [item];
    if (anyOf.length === 0 || !anyOf.every(isServiceRole)) return undefined;
    const roles = (anyOf as ServiceRole[]).map(({ service, role }) => ({ service, role }));
    parsed.push({
      anyOf: roles,
      source: item.source,
      ...(item.when === undefined ? {} : { when: item.when as string }),
      ...(item.condition === undefined ? {} : { condition: item.condition as IamCondition }),
    });
  }
  return parsed;
}

export const ROLES = [
  'image.create',
  'image.upload',
  'image.delete',
  'image.show',
  'image.list',
  'member.add',
  'member.update',
  'job.start',
  'job.show',
  'token.create',
  'server.show',
  'token.validate',
  'image.download',
  'schema.image',
  'schema.images',
  'versions.list',
  'server.snapshot',
];

/** Placeholders `x-bindings` values may use: `{fixtures.serverId}`, `{project.member}`, `{runId}`, … */
export const BINDING_TOKEN =
  /^(fixtures\.[A-Za-z]+|project\.(caller|owner|member)|image\.id|job\.id|runId|unique|caller\.password\.(user|password|domain)|caller\.projectScope)$/;

type Extended<T> = T & Record<`x-${string}`, unknown>;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isScopes(value: unknown): value is IamScopes {
  const v = value as Partial<IamScopes> | undefined;
  return typeof v?.project === 'boolean' && typeof v.enterpriseProject === 'boolean';
}

function isConditionalActions(value: unknown): value is ConditionalAction[] {
  return (
    Array.isArray(value) &&
    value.every((c) => typeof c?.action === 'string' && typeof c.when === 'string' && c.condition !== null && typeof c.condition === 'object')
  );
}

type AuditedOperation = Extended<OpenAPIV3_1.OperationObject>;

/** What one operation must get right on its own, in the order its problems are reported. */
const OPERATION_AUDITS: readonly ((op: AuditedOperation, method: HttpMethod) => string[])[] = [
  auditArea,
  auditIamFacts,
  auditPrecondition,
  auditBindings,
  auditProfiles,
  auditFlags,
  auditDenialStatus,
  auditRoles,
  auditUnknownIdStatuses,
  auditIamPrerequisites,
  auditSuccess,
];

/**
 * Everything that makes an operation unusable by the rest of the project: missing operationId, area, IAM
 * extensions, source, or a success response. Empty for a sound spec.
 */
export function auditOperations(document: OpenAPIV3_1.Document): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method] as AuditedOperation | undefined;
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problems.push(`${where}: no operationId`);
      else if (seenIds.has(op.operationId)) problems.push(`${where}: duplicate operationId ${op.operationId}`);
      else seenIds.add(op.operationId);
      for (const audit of OPERATION_AUDITS) problems.push(...audit(op, method).map((problem) => `${where}: ${problem}`));
    }
  }
  return problems;
}

function auditArea(op: AuditedOperation): string[] {
  if (typeof op['x-area'] !== 'string') return ['no x-area'];
  return op.tags?.[0] !== op['x-area'] ? [`first tag is not x-area ${String(op['x-area'])}`] : [];
}

function auditIamFacts(op: AuditedOperation): string[] {
  const problems: string[] = [];
  if (!isStringArray(op['x-iam-actions'])) problems.push('x-iam-actions missing or not a list of strings');
  if (op['x-iam-conditional-actions'] !== undefined && !isConditionalActions(op['x-iam-conditional-actions']))
    problems.push('x-iam-conditional-actions malformed');
  if (!isScopes(op['x-iam-scopes'])) problems.push('x-iam-scopes missing {project, enterpriseProject}');
  const source = op['x-source'] as Partial<SourceRef> | undefined;
  if (!isStringArray(source?.tables) || typeof source?.row !== 'string') problems.push('x-source missing {tables, row}');
  return problems;
}

function auditPrecondition(op: AuditedOperation): string[] {
  const pre = op['x-precondition'];
  if (pre === undefined) return [];
  if (pre === null || typeof pre !== 'object') return ['x-precondition must be a mapping'];
  return Object.entries(pre)
    .filter(([key, value]) => !(key in PRECONDITION_VALUES) || !PRECONDITION_VALUES[key as keyof Precondition](value))
    .map(([key]) => `x-precondition.${key} is not understood`);
}

function auditBindings(op: AuditedOperation): string[] {
  const problems: string[] = [];
  for (const [pointer, template] of Object.entries((op['x-bindings'] ?? {}) as Record<string, unknown>)) {
    if (!pointer.startsWith('/') || typeof template !== 'string') problems.push(`x-bindings ${pointer} must map a JSON pointer to a string`);
    else
      for (const [, token] of template.matchAll(/\{([^}]*)\}/g))
        if (!BINDING_TOKEN.test(token ?? '')) problems.push(`x-bindings ${pointer} uses unknown {${token}}`);
  }
  return problems;
}

function auditProfiles(op: AuditedOperation): string[] {
  const problems: string[] = [];
  if (op['x-profiles'] !== undefined && (!isStringArray(op['x-profiles']) || op['x-profiles'].some((p) => !(PROFILES as readonly string[]).includes(p))))
    problems.push(`x-profiles must list known profiles (${PROFILES.join(', ')})`);
  if (op['x-profile-notes'] !== undefined && !isStringArray(op['x-profile-notes'])) problems.push('x-profile-notes must be a list of strings');
  return problems;
}

function auditFlags(op: AuditedOperation, method: HttpMethod): string[] {
  const problems: string[] = [];
  if (op['x-creates-images'] !== undefined && typeof op['x-creates-images'] !== 'boolean') problems.push('x-creates-images must be true or false');
  if (op['x-probe'] !== undefined && typeof op['x-probe'] !== 'boolean') problems.push('x-probe must be true or false');
  // A probe stands outside the tables: a table row is a contract the suite must test.
  const tables = (op['x-source'] as Partial<SourceRef> | undefined)?.tables;
  if (op['x-probe'] === true && ((tables?.length ?? 0) > 0 || method !== 'get')) problems.push('x-probe is for reads outside the permission tables');
  return problems;
}

function auditDenialStatus(op: AuditedOperation): string[] {
  const denial = parseDenialStatus(op['x-iam-denial-status']);
  if (denial && [denial.status, ...Object.values(denial.whenLacking)].every((s) => String(s) in (op.responses ?? {}))) return [];
  return ['x-iam-denial-status must be a status the operation documents, or {action: status} of such'];
}

function auditRoles(op: AuditedOperation): string[] {
  if (op['x-roles'] === undefined || (isStringArray(op['x-roles']) && op['x-roles'].every((r) => ROLES.includes(r)))) return [];
  return [`x-roles must list known roles (${ROLES.join(', ')})`];
}

function auditUnknownIdStatuses(op: AuditedOperation): string[] {
  const unknownId = op['x-unknown-id-statuses'];
  if (
    unknownId === undefined ||
    (Array.isArray(unknownId) && unknownId.length > 0 && unknownId.every((s) => Number.isInteger(s) && String(s) in (op.responses ?? {})))
  )
    return [];
  return ['x-unknown-id-statuses must list statuses the operation documents'];
}

function auditIamPrerequisites(op: AuditedOperation): string[] {
  if (parseIamPrerequisites(op['x-iam-prerequisites']) !== undefined) return [];
  return ['x-iam-prerequisites must list {service, role, source, when?} or {anyOf: [{service, role}], source, when?}'];
}

function auditSuccess(op: AuditedOperation): string[] {
  return Object.keys(op.responses ?? {}).some((s) => /^[123]\d\d$/.test(s)) ? [] : ['no success response'];
}

function mergeParameters(pathLevel: unknown[] | undefined, opLevel: unknown[] | undefined): OpenAPIV3_1.ParameterObject[] {
  const merged = new Map<string, OpenAPIV3_1.ParameterObject>();
  for (const p of [...(pathLevel ?? []), ...(opLevel ?? [])] as OpenAPIV3_1.ParameterObject[]) merged.set(`${p.in}:${p.name}`, p);
  return [...merged.values()];
}

/** Reads the operations of a dereferenced spec. Call `auditOperations` first: this assumes a sound spec. */
export function extractOperations(document: OpenAPIV3_1.Document): SpecOperation[] {
  const operations: SpecOperation[] = [];
  const globalSecurity = document.security ?? [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method] as Extended<OpenAPIV3_1.OperationObject> | undefined;
      if (!op) continue;
      const responses = (op.responses ?? {}) as Record<string, OpenAPIV3_1.ResponseObject>;
      const statuses = Object.keys(responses)
        .filter((s) => /^\d{3}$/.test(s))
        .map(Number)
        .sort((a, b) => a - b);
      const security = op.security ?? globalSecurity;
      operations.push({
        operationId: op.operationId as string,
        method,
        path,
        area: op['x-area'] as string,
        tags: op.tags ?? [],
        summary: op.summary ?? '',
        description: op.description ?? '',
        deprecated: op.deprecated === true,
        iam: {
          actions: op['x-iam-actions'] as string[],
          conditionalActions: (op['x-iam-conditional-actions'] as ConditionalAction[] | undefined) ?? [],
          scopes: op['x-iam-scopes'] as IamScopes,
          denial: parseDenialStatus(op['x-iam-denial-status']) ?? { status: 403, whenLacking: {} },
        },
        source: op['x-source'] as SourceRef,
        endpoint: (op['x-endpoint'] as Endpoint | undefined) ?? 'image',
        parameters: mergeParameters(item.parameters, op.parameters),
        requestBody: op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined,
        responses,
        successStatuses: statuses.filter((s) => s < 400),
        statuses,
        authOptional: security.some((req) => Object.keys(req).length === 0),
        authNone: security.length === 0,
        jobTypes: isStringArray(op['x-job-types']) ? op['x-job-types'] : [],
        precondition: (op['x-precondition'] as Precondition | undefined) ?? {},
        roles: isStringArray(op['x-roles']) ? op['x-roles'] : [],
        profiles: isStringArray(op['x-profiles']) ? op['x-profiles'] : ['ims'],
        profileNotes: isStringArray(op['x-profile-notes']) ? op['x-profile-notes'] : [],
        createsImages: op['x-creates-images'] === true,
        bindings: (op['x-bindings'] as Record<string, string> | undefined) ?? {},
        pointer: `#${pointerOf(['paths', path, method])}`,
        docs: docIds(op['x-doc']),
        unknownIdStatuses: Array.isArray(op['x-unknown-id-statuses']) ? (op['x-unknown-id-statuses'] as number[]) : [404],
        iamPrerequisites: parseIamPrerequisites(op['x-iam-prerequisites']) ?? [],
        probe: op['x-probe'] === true,
      });
    }
  }
  return operations;
}
