import type { Config } from '../config/config.js';
import { startMock, type StartMockOptions } from '../../mock/start-mock.js';

export interface ResolvedTarget {
  config: Config & { target: string };
  /** Stops what this run started (the embedded mock); a no-op for a remote target. */
  stop(): Promise<void>;
  embedded: boolean;
}

/**
 * With no target configured, the run starts the embedded mock on loopback and takes its printed config
 * (principals, fixtures, project) — the suite then runs with no cloud at all.
 */
export async function resolveTarget(config: Config, mockOptions: StartMockOptions = {}): Promise<ResolvedTarget> {
  if (config.target) return { config: { ...config, target: config.target }, stop: async () => {}, embedded: false };
  const mock = await startMock({ jobDelayMs: 20, ...mockOptions });
  const c = mock.config;
  return {
    config: {
      ...config,
      target: c.target,
      endpoints: { ...c.endpoints, ...config.endpoints },
      projectId: config.projectId ?? c.projectId,
      principals: Object.keys(config.principals).length > 0 ? config.principals : (c.principals as Config['principals']),
      fixtures: { ...c.fixtures, ...config.fixtures },
    },
    stop: () => mock.close(),
    embedded: true,
  };
}
