import type { Config } from '../config/config.js';
import type { ResolvedTarget } from '../engine/run-conformance.js';
import { lackingOneAction } from '../../generators/principals.js';
import { DEFAULT_PRINCIPALS, type PrincipalSpec } from '../model/principals.js';
import { startMock, type StartMockOptions } from '../../mock/start-mock.js';
import { loadSpec } from '../spec/load-spec.js';

/**
 * The one place the mock is wired in as a target. With no target configured, the run starts the embedded mock on
 * loopback and takes its printed config (principals, fixtures, project) — the suite then runs with no cloud at all.
 */
export async function resolveTarget(config: Config, mockOptions: StartMockOptions = {}): Promise<ResolvedTarget> {
  if (config.target) return { config: { ...config, target: config.target }, stop: async () => {}, embedded: false };
  // Besides the contract's principals, one per action the spec names that holds every other action: the IAM
  // scenarios then probe each single-action denial the permission tables imply.
  const { operations } = await loadSpec(undefined, config.profile);
  const lacking = Object.fromEntries(lackingOneAction(operations).map((p): [string, PrincipalSpec] => [p.name, { actions: p.actions, project: 'primary' }]));
  const mock = await startMock({ jobDelayMs: 20, principals: { ...DEFAULT_PRINCIPALS, ...lacking }, profile: config.profile, ...mockOptions });
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
