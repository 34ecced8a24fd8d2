import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCommand } from '../../src/cli/init-command.js';
import { loadConfig } from '../../src/config/load-config.js';
import { imsConformance } from '../support/run-cli.js';

/** `init --region`: the config carries the region's IMS, IAM and ECS endpoints from the public tables. */
const dir = mkdtempSync(join(tmpdir(), 'imsc-init-region-'));
let n = 0;
const fresh = (): string => join(dir, `c${n++}.yaml`);

/** Every `${NAME}` of a file set to a value of the right shape. */
function envFor(text: string): Record<string, string> {
  const names = [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g)].map((m) => m[1] as string);
  return Object.fromEntries(
    [...names, 'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'].map((v) => [v, v === 'IMS_TARGET' ? 'https://ims.example.com' : `value-of-${v}`]),
  );
}

describe('init --region', () => {
  it.each([
    ['eu-de', 'https://ims.eu-de.otc.t-systems.com', 'https://iam.eu-de.otc.t-systems.com', 'https://ecs.eu-de.otc.t-systems.com'],
    [
      'ap-southeast-3',
      'https://ims.ap-southeast-3.myhuaweicloud.com',
      'https://iam.ap-southeast-3.myhuaweicloud.com',
      'https://ecs.ap-southeast-3.myhuaweicloud.com',
    ],
  ])('%s: target, endpoints.iam and endpoints.compute are written, not commented out', async (region, ims, iam, ecs) => {
    const out = fresh();
    const run = await imsConformance(['init', '--region', region, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`region ${region}`);
    const text = readFileSync(out, 'utf8');
    const config = loadConfig({ config: out }, envFor(text));
    expect(config.target).toBe(ims);
    expect(config.endpoints).toEqual({ iam, compute: ecs });
  });

  it('a region the tables do not give lists the ones they do (exit 2)', async () => {
    const run = await imsConformance(['init', '--region', 'mars-1', '--out', fresh()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ims-conformance init: --region "mars-1" is not one of eu-de, eu-nl, af-south-1, .*ap-southeast-3, .*tr-west-1\n$/);
  });

  it('refuses --region with the openstack profile, whose endpoints are the cloud’s own', async () => {
    const run = await imsConformance(['init', '--profile', 'openstack', '--region', 'eu-de', '--out', fresh()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--region names a Huawei Cloud or OTC region');
  });

  it('without --region and without a terminal: no question, the placeholders as before', async () => {
    const out = fresh();
    const run = await imsConformance(['init', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/region \(/);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('target: "${IMS_TARGET}"');
    expect(text).toMatch(/^# endpoints: .*`init --region` writes them$/m);
    expect(loadConfig({ config: out }, envFor(text)).endpoints).toEqual({});
  });

  it('on a terminal it asks for the region; an empty answer keeps the placeholders', async () => {
    const asked: string[] = [];
    const io = (answer: string) => ({ out: () => {}, err: () => {}, ask: async (q: string) => (asked.push(q), answer) });
    const withRegion = fresh();
    expect(await initCommand(['--out', withRegion], io('eu-nl'))).toBe(0);
    expect(asked[0]).toMatch(/region/);
    expect(loadConfig({ config: withRegion }, envFor(readFileSync(withRegion, 'utf8'))).endpoints).toEqual({
      iam: 'https://iam.eu-nl.otc.t-systems.com',
      compute: 'https://ecs.eu-nl.otc.t-systems.com',
    });
    const without = fresh();
    expect(await initCommand(['--out', without], io(''))).toBe(0);
    expect(readFileSync(without, 'utf8')).toContain('target: "${IMS_TARGET}"');
  });
});
