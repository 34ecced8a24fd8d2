import type { OpenAPIV3_1 } from 'openapi-types';

/*
 * The shape of one operation of the contract, as `src/spec` reads it from the OpenAPI document and its `x-*`
 * extensions. The types live here, at the bottom, because an exchange names its operation and every layer reads
 * exchanges; how they are read and audited stays in `src/spec/operations.ts` and `src/spec/iam-facts.ts`.
 */

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace';

/** Which base URL of the run contract an operation is called on. */
export type Endpoint = 'image' | 'compute' | 'iam';

export interface SourceRef {
  /** Seed tables (ids of spec/sources/permissions.yaml) the row comes from; empty for job/token calls. */
  tables: string[];
  /** The row as the tables write it, e.g. `GET /v2/cloudimages`. */
  row: string;
  page?: string;
  reference?: string;
}

/**
 * What must exist before a valid request to the operation can be made (`x-precondition`): an image of the
 * owner in some state (`shared` = with the member project added, pending), the caller, fixtures the config
 * must name, another project to share with, a job to query.
 */
export interface Precondition {
  image?: 'queued' | 'active' | 'shared';
  caller?: 'owner' | 'member' | 'password';
  fixtures?: string[];
  memberProject?: boolean;
  job?: boolean;
}

/** One role of another cloud service; any one of a prerequisite's roles satisfies it. */
export interface ServiceRole {
  service: string;
  role: string;
}

/**
 * A permission of another service the caller must hold besides the IMS actions (`x-iam-prerequisites`), as the
 * seed tables' notes state it, e.g. the OBS Tenant Administrator role before importing from OBS. Written as
 * `{service, role, source}` or `{anyOf: [{service, role}, …], source}`; read as `anyOf`.
 */
export interface IamPrerequisite {
  anyOf: ServiceRole[];
  /** The document id (spec/sources/documents.yaml) whose note states it. */
  source: string;
  /** When it applies, if not always (e.g. only when the image comes from an external file). */
  when?: string;
  /** `when`, judged from the request body (a prerequisite with a `when` and no condition is taken to apply). */
  condition?: IamCondition;
}

/**
 * The IAM facts of a permission-table row, as the spec's vendor extensions state them
 * (`x-iam-actions`, `x-iam-conditional-actions`, `x-iam-scopes`).
 */
export interface IamScopes {
  /** A grant at IAM-project scope authorizes the call. */
  project: boolean;
  /** A grant at enterprise-project scope authorizes the call. */
  enterpriseProject: boolean;
}

/** When a conditional action applies, judged from the request alone. */
export type IamCondition =
  /** The JSON-patch body has an operation on this path. */
  | { jsonPatchPath: string }
  /** The JSON body field at this pointer equals the value. */
  | { bodyField: string; equals: unknown }
  /** The JSON body field at this pointer is absent or differs from the value. */
  | { bodyField: string; notEquals: unknown }
  /** The JSON body has (or lacks) a field at this pointer. */
  | { bodyField: string; present: boolean };

export interface ConditionalAction {
  action: string;
  when: string;
  condition: IamCondition;
}

export interface DenialStatus {
  status: number;
  whenLacking: Record<string, number>;
}

export interface IamFacts {
  actions: string[];
  conditionalActions: ConditionalAction[];
  scopes: IamScopes;
  /**
   * The status a denied caller gets (`x-iam-denial-status`): 403, unless a profile documents another — for every
   * denial (`status`), or for callers lacking particular actions (`whenLacking`, e.g. Glance answers 404 to a
   * caller that may not even read the image).
   */
  denial: DenialStatus;
}

/** One operation of the spec, dereferenced, with its vendor extensions read into typed fields. */
export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  path: string;
  area: string;
  tags: string[];
  summary: string;
  description: string;
  deprecated: boolean;
  iam: IamFacts;
  source: SourceRef;
  endpoint: Endpoint;
  /** Path-level and operation-level parameters, the operation's winning on (name, in). */
  parameters: OpenAPIV3_1.ParameterObject[];
  requestBody: OpenAPIV3_1.RequestBodyObject | undefined;
  responses: Record<string, OpenAPIV3_1.ResponseObject>;
  /** Documented 1xx–3xx statuses, ascending. */
  successStatuses: number[];
  /** Documented statuses of every class, ascending. */
  statuses: number[];
  /** True when the security requirements include `{}` (credentials optional). */
  authOptional: boolean;
  /** True when the operation needs no credentials at all (`security: []`). */
  authNone: boolean;
  jobTypes: string[];
  precondition: Precondition;
  /** Parts this operation plays in the suite's own flows (`x-roles`), e.g. `image.create`. */
  roles: string[];
  /** Run profiles the operation belongs to (`x-profiles`, default `['ims']`). */
  profiles: string[];
  /** The operation makes new images (`x-creates-images`): they count against `--max-resources`. */
  createsImages: boolean;
  /** The documents of the operation as a whole (its `x-doc`): the pages that list its statuses and describe it. */
  docs: string[];
  /** Why the loaded profile changed this operation (`x-profile-notes` of spec/profiles/), if it did. */
  profileNotes: string[];
  /** Request-body JSON pointer → template bound to run facts (`x-bindings`), applied to the canonical example. */
  bindings: Record<string, string>;
  /** JSON pointer of the operation in the bundled spec, for reports (`#/paths/~1v2~1images/get`). */
  pointer: string;
  /**
   * The statuses the documents allow for an id that names nothing (`x-unknown-id-statuses`, sourced by the
   * operation's `x-doc`): `[404]` unless they disagree, e.g. `[400, 404]` where an IMS error table gives a 400.
   */
  unknownIdStatuses: number[];
  /** Permissions of other services the caller also needs (`x-iam-prerequisites`). */
  iamPrerequisites: IamPrerequisite[];
  /** A read only the preflight doctor makes (`x-probe`): no permission-table row, never under test. */
  probe: boolean;
}
