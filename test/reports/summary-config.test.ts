import { describe, expect, it } from 'vitest';
import { buildReport } from '../../reports/build-report.js';
import { validateReport } from '../../reports/read-report.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadSpec } from '../../src/spec/load-spec.js';

// Every kind of credential a principal can carry, each a string no report may contain.
const SECRETS = {
  token: 'tok-SECRET-1111',
  password: 'pw-SECRET-2222',
  ak: 'AK-SECRET-3333',
  sk: 'SK-SECRET-4444',
  securityToken: 'ST-SECRET-5555',
  header: 'HDR-SECRET-6666',
};

describe('summary.json says how the run was configured', () => {
  it('carries the config with every credential replaced, and stays valid', async () => {
    const config = {
      ...loadConfig({ seed: '5', runs: '3', only: ['images/'] }, {}),
      target: 'https://ims.example.com',
      principals: {
        owner: { actions: ['ims:*:*'], token: SECRETS.token },
        member: { actions: [], password: { domain: 'd', user: 'u', password: SECRETS.password } },
        signer: { actions: [], aksk: { ak: SECRETS.ak, sk: SECRETS.sk, securityToken: SECRETS.securityToken } },
        gateway: { actions: [], headers: { 'x-api-key': SECRETS.header } },
      },
    };
    const report = buildReport({ config, embedded: false, spec: await loadSpec(), results: [], startedAt: new Date(0), durationMs: 1 });
    const written = JSON.stringify(report);

    for (const secret of Object.values(SECRETS)) expect(written).not.toContain(secret);
    expect(report.config).toMatchObject({ seed: 5, runs: 3, only: ['images/'], target: 'https://ims.example.com', profile: 'ims' });
    expect(report.config?.principals).toEqual({
      owner: { actions: ['ims:*:*'], token: '***' },
      member: { actions: [], password: { domain: 'd', user: 'u', password: '***' } },
      signer: { actions: [], aksk: { ak: '***', sk: '***', securityToken: '***' } },
      gateway: { actions: [], headers: { 'x-api-key': '***' } },
    });
    expect(validateReport(JSON.parse(written))).toEqual({ valid: true, errors: [] });
  });
});
