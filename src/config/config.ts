import type { Profile } from '../spec/profile-overlay.js';
/** How a principal authenticates; exactly one method per principal. */
export interface PrincipalAuth {
  token?: string;
  password?: { domain: string; user: string; password: string; project?: string; projectId?: string };
  aksk?: { ak: string; sk: string; securityToken?: string };
  headers?: Record<string, string>;
  /** A cloud of clouds.yaml (`envvars`: the OS_* variables); resolved into `password` or `token` when loaded. */
  cloud?: string;
}

/** A principal of the run contract: its credentials and what it is granted (the suite derives denials from it). */
export interface PrincipalConfig extends PrincipalAuth {
  actions: string[];
  deny?: string[];
  /** Defaults to the config's projectId. */
  projectId?: string;
  /** Set when the actions are granted at enterprise-project scope only. */
  enterpriseProjectId?: string;
  /**
   * Roles of other services it holds, `<service> <role>` as the permission tables' notes name them
   * (`obs Tenant Administrator`, `cbr CBR Admin`): an operation with such a prerequisite (`x-iam-prerequisites`)
   * is expected to succeed only for principals holding one of its roles.
   */
  roles?: string[];
}

/** The one typed configuration every part of a run reads. Built by `loadConfig`, never from process.env elsewhere. */
export interface Config {
  /** IMS base URL; undefined runs against the embedded mock. */
  target: string | undefined;
  endpoints: { compute?: string; iam?: string };
  projectId: string | undefined;
  principals: Record<string, PrincipalConfig>;
  fixtures: Record<string, string>;
  profile: Profile;
  reportDir: string;
  seed: number;
  /** Examples per property. */
  runs: number;
  /** Result-id prefixes to run (`images/showImage`, `authz`); empty runs everything. */
  only: string[];
  readOnly: boolean;
  /** Before the run, delete what earlier runs of the suite left on the target (images named and tagged with a run id). */
  sweep: boolean;
  /** Requests in flight at the target at once, across all suite files (src/transport/permits.ts). */
  concurrency: number;
  /** Images of the run alive at once, at most (quota-limited projects); undefined = no cap. Suite files then run one at a time. */
  maxResources: number | undefined;
  /** Requests per second, client-side; undefined = unlimited. */
  rate: number | undefined;
  /** Per-request timeout. */
  timeoutMs: number;
  /** How long asynchronous jobs and image states are polled before the check gives up. */
  pollTimeoutMs: number;
  /** Tags every resource the run creates (name prefix and tag). */
  runId: string;
  /** Certificate checks: `insecure` skips them (explicitly asked for); `caFile` adds a CA bundle to trust. */
  tls: { insecure: boolean; caFile?: string };
}

export const CONFIG_DEFAULTS = {
  profile: 'ims' as Profile,
  reportDir: 'ims-report',
  runs: 10,
  only: [] as string[],
  readOnly: false,
  concurrency: 16,
  timeoutMs: 30_000,
  /** Real clouds take minutes to build an image. */
  pollTimeoutMs: 600_000,
  /**
   * The embedded mock finishes jobs in ~20 ms; 10 s leaves room for a starved CPU (CI machines running other
   * things), and only a job that never finishes ever waits that long.
   */
  embeddedPollTimeoutMs: 10_000,
};
