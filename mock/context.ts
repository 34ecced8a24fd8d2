import type { LoadedSpec } from '../src/spec/load-spec.js';
import type { SpecOperation } from '../src/model/operation.js';
import type { SchemaValidator } from '../src/spec/schema-validator.js';
import type { FaultSet } from './faults/catalogue.js';
import type { Fixtures, FixtureSummary } from './fixtures.js';
import type { LenientValidator } from './http/lenient-schema.js';
import type { MockResponse } from './http/responses.js';
import type { Directory, Token, User } from './identity/directory.js';
import type { PermissionRule } from './identity/permission-rows.js';
import type { SeededIdentity } from './identity/principals.js';
import type { ImageStore } from './store/images.js';
import type { JobRunner } from './store/jobs.js';
import type { MockVariant, Readings } from './variant.js';

export interface MockOptions {
  /** Delay before an asynchronous job finishes (half of it in RUNNING). */
  jobDelayMs: number;
  /** Largest JSON body accepted; larger answers 413. */
  maxBodyBytes: number;
  /** Largest image upload accepted; larger answers 413. */
  maxUploadBytes: number;
  /** Lifetime of tokens from POST /v3/auth/tokens. */
  tokenTtlMs: number;
  /** Seed of the mock's own randomness (random-500), so faulty runs repeat. */
  seed: number;
  /**
   * Delayed appearance (0: off): images a Nova snapshot or an asynchronous job makes exist for this long before
   * the API shows them (404 on show and delete, absent from lists), as on clouds that create them in the
   * background; a snapshot then stays `saving`, refusing deletion, for another job delay.
   */
  appearDelayMs: number;
  /** Which reading it takes where the documents leave a choice (mock/variant.ts). */
  variant: MockVariant;
  /** Round-trip time added to every answer (0: none), to measure the suite against a distant region. */
  latencyMs: number;
}

/** Everything one mock instance knows. Handlers read and change it; nothing is global. */
export interface MockState {
  spec: LoadedSpec;
  validator: SchemaValidator;
  /** The alternative variant's request validator (relaxed schemas, unknown fields dropped); unset by default. */
  lenient: LenientValidator | undefined;
  /** What each call needs, from the permission tables (spec/sources/permissions.yaml). */
  permissions: Map<string, PermissionRule>;
  directory: Directory;
  identity: SeededIdentity;
  images: ImageStore;
  jobs: JobRunner;
  fixtures: Fixtures;
  fixtureSummary: FixtureSummary;
  faults: FaultSet;
  /** The variant's reading at each judgement point. */
  readings: Readings;
  options: MockOptions;
  /** Set once the server listens: `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Deterministic 0..1 source for fault randomness. */
  random: () => number;
}

export interface Caller {
  user: User;
  projectId: string;
  /** How the caller proved who it is: a token, or an access key whose signature checked out. */
  credential: { kind: 'token'; token: Token } | { kind: 'aksk'; ak: string };
}

/** Which images an authorized caller may act on: its whole project, or only some enterprise projects. */
export type Access = { kind: 'project' } | { kind: 'enterpriseProjects'; ids: string[] } | { kind: 'anonymous' };

export interface RequestContext {
  state: MockState;
  op: SpecOperation;
  params: Record<string, string>;
  /** Query parameters the spec declares, typed as their schema says. */
  query: Record<string, unknown>;
  /** The raw query string, for links that repeat it (`first`, `next`). */
  rawQuery: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Parsed JSON body, or the raw bytes for octet-stream uploads. */
  body: unknown;
  caller: Caller | undefined;
  access: Access;
}

export type Handler = (ctx: RequestContext) => MockResponse;
