import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Profile } from '../src/spec/profile-overlay.js';
import { loadSpec, type LoadedSpec } from '../src/spec/load-spec.js';
import { SchemaValidator } from '../src/spec/schema-validator.js';
import type { MockOptions, MockState } from './context.js';
import { FaultSet } from './faults/catalogue.js';
import { seedFixtures } from './fixtures.js';
import { handlers } from './handlers/index.js';
import { LenientValidator } from './http/lenient-schema.js';
import { Router } from './http/router.js';
import { createMockServer, type ReadRequest, type WireResponse } from './http/server.js';
import { Directory } from './identity/directory.js';
import { DEFAULT_PRINCIPALS, type PrincipalSpec } from '../src/model/principals.js';
import { seedIdentity } from './identity/principals.js';
import { handleRequest } from './pipeline.js';
import { seedImages, seedSampleImages } from './seed-images.js';
import { ImageStore } from './store/images.js';
import { loadPermissionRules, PROFILE_POLICY_SOURCES } from './identity/permission-rows.js';
import { seededRandom } from '../src/model/seeded-random.js';
import { JobRunner } from './store/jobs.js';
import { suiteConfigFor, type ContractConfig } from './suite-config.js';
import { isMockVariant, MOCK_VARIANTS, Readings } from './variant.js';

export interface StartMockOptions extends Partial<MockOptions> {
  /** Loopback by default: the mock is a test fixture, not a service. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  faults?: readonly string[];
  /** Replaces the default principals (owner, member, stranger, reader, none, noDelete, epAdmin). */
  principals?: Record<string, PrincipalSpec>;
  specPath?: string;
  /** The contract it serves: `ims` (default), or a profile's (spec/profiles/), e.g. `openstack` answers as Glance does where that profile documents it. */
  profile?: Profile;
  /** Sees every request and the response as sent. */
  observe?: (request: ReadRequest, response: WireResponse) => void;
  /** Images the region already has at start (`mock --seed-images N`): public platform images and private ones of the first project. */
  sampleImages?: number;
}

export interface RunningMock {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  state: MockState;
  /** A ready-to-use suite config (run contract) pointing at this mock. */
  config: ContractConfig;
  close(): Promise<void>;
}

export const DEFAULT_MOCK_OPTIONS: MockOptions = {
  jobDelayMs: 200,
  maxBodyBytes: 1024 * 1024,
  maxUploadBytes: 64 * 1024 * 1024,
  tokenTtlMs: 24 * 3600_000,
  seed: 1,
  appearDelayMs: 0,
  variant: 'default',
  latencyMs: 0,
};

/** Starts a mock IMS endpoint in this process. Close it when done; it holds no global state. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const spec = await loadSpec(options.specPath, options.profile);
  const mockOptions = withDefaults(options);
  const state = initialState(spec, mockOptions, options);
  // The doctor's probes (x-probe) are served like any operation: a real cloud answers them too.
  const router = new Router([...spec.operations, ...spec.probes]);
  const server = createMockServer({
    maxBodyBytes: mockOptions.maxBodyBytes,
    maxUploadBytes: mockOptions.maxUploadBytes,
    latencyMs: mockOptions.latencyMs,
    handle: (request) => handleRequest(state, router, handlers, request),
    ...(options.observe ? { observe: options.observe } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  state.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: state.baseUrl,
    state,
    config: suiteConfigFor(state),
    close: () =>
      new Promise<void>((resolve) => {
        state.jobs.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The options given, the defaults for the rest; an unknown variant throws. */
function withDefaults(options: Partial<MockOptions>): MockOptions {
  const mockOptions: MockOptions = {
    jobDelayMs: options.jobDelayMs ?? DEFAULT_MOCK_OPTIONS.jobDelayMs,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MOCK_OPTIONS.maxBodyBytes,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MOCK_OPTIONS.maxUploadBytes,
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_MOCK_OPTIONS.tokenTtlMs,
    seed: options.seed ?? DEFAULT_MOCK_OPTIONS.seed,
    appearDelayMs: options.appearDelayMs ?? DEFAULT_MOCK_OPTIONS.appearDelayMs,
    variant: options.variant ?? DEFAULT_MOCK_OPTIONS.variant,
    latencyMs: options.latencyMs ?? DEFAULT_MOCK_OPTIONS.latencyMs,
  };
  if (!isMockVariant(mockOptions.variant)) throw new Error(`unknown mock variant "${String(mockOptions.variant)}"; use ${MOCK_VARIANTS.join(' or ')}`);
  return mockOptions;
}

/** A fresh region: the principals and their projects, the fixtures, and the images it starts with. */
function initialState(spec: LoadedSpec, mockOptions: MockOptions, options: StartMockOptions): MockState {
  const faults = new FaultSet(options.faults ?? []);
  const directory = new Directory();
  const identity = seedIdentity(directory, options.principals ?? DEFAULT_PRINCIPALS);
  const { fixtures, summary } = seedFixtures(identity.projects.primary.id);
  const state: MockState = {
    spec,
    validator: new SchemaValidator(),
    lenient: mockOptions.variant === 'alternative' ? new LenientValidator() : undefined,
    permissions: loadPermissionRules(undefined, PROFILE_POLICY_SOURCES[options.profile ?? 'ims']),
    directory,
    identity,
    images: new ImageStore(),
    jobs: new JobRunner(
      () => mockOptions.jobDelayMs,
      () => !faults.has('jobs-never-finish'),
    ),
    fixtures,
    fixtureSummary: summary,
    faults,
    readings: new Readings(mockOptions.variant),
    options: mockOptions,
    baseUrl: '',
    random: seededRandom(mockOptions.seed),
  };
  seedImages(state);
  if (options.sampleImages) seedSampleImages(state, options.sampleImages);
  return state;
}

/** Listens on `host:port` (0 picks a free port) and resolves to the port taken; a failure to bind rejects. */
async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
