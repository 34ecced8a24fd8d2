import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { ExchangeResponse } from '../../src/model/exchange.js';
import { targetRow } from '../../src/preflight/endpoint-rows.js';
import { regionEndpoints, regionNames, regionOfUrl } from '../../src/preflight/region-endpoints.js';

/**
 * A few regions of each cloud, held to the public tables they come from (copied here by hand, not computed):
 * OTC's "Regions and Endpoints" (opentelekomcloud-docs/regions-and-endpoints doc/source/index.rst), Huawei's SDK
 * region tables for IMS and ECS (huaweicloud-sdk-python-v3 ims_region.py, ecs_region.py) and Huawei IAM's
 * "Endpoints" page (api-iam/iam_01_0004.html).
 */
describe('the region endpoint table', () => {
  it.each([
    ['eu-de', 'https://ims.eu-de.otc.t-systems.com', 'https://iam.eu-de.otc.t-systems.com', 'https://ecs.eu-de.otc.t-systems.com'],
    ['eu-nl', 'https://ims.eu-nl.otc.t-systems.com', 'https://iam.eu-nl.otc.t-systems.com', 'https://ecs.eu-nl.otc.t-systems.com'],
    [
      'ap-southeast-3',
      'https://ims.ap-southeast-3.myhuaweicloud.com',
      'https://iam.ap-southeast-3.myhuaweicloud.com',
      'https://ecs.ap-southeast-3.myhuaweicloud.com',
    ],
    ['cn-north-4', 'https://ims.cn-north-4.myhuaweicloud.com', 'https://iam.cn-north-4.myhuaweicloud.com', 'https://ecs.cn-north-4.myhuaweicloud.com'],
    ['af-south-1', 'https://ims.af-south-1.myhuaweicloud.com', 'https://iam.af-south-1.myhuaweicloud.com', 'https://ecs.af-south-1.myhuaweicloud.com'],
    // IAM's table gives no regional endpoint here: its Global endpoint serves every IAM API.
    ['la-south-2', 'https://ims.la-south-2.myhuaweicloud.com', 'https://iam.myhuaweicloud.com', 'https://ecs.la-south-2.myhuaweicloud.com'],
    ['tr-west-1', 'https://ims.tr-west-1.myhuaweicloud.com', 'https://iam.myhuaweicloud.com', 'https://ecs.tr-west-1.myhuaweicloud.com'],
  ])('%s: IMS, IAM and ECS as the tables give them', (region, ims, iam, ecs) => {
    expect(regionEndpoints(region)).toMatchObject({ region, ims, iam, ecs });
  });

  it('names the cloud of each region, and knows no region the tables do not give', () => {
    expect(regionEndpoints('eu-de')?.cloud).toBe('otc');
    expect(regionEndpoints('ap-southeast-1')?.cloud).toBe('huawei');
    // Huawei's EU sovereign region is served from myhuaweicloud.eu with an IAM of its own: left out, not guessed.
    expect(regionEndpoints('eu-west-101')).toBeUndefined();
    expect(regionEndpoints('eu-central-1')).toBeUndefined();
    expect(new Set(regionNames()).size).toBe(regionNames().length);
  });

  it('tells the region from any of its hosts, for the doctor’s suggestions', () => {
    expect(regionOfUrl('https://ims.eu-nl.otc.t-systems.com/v2/images')?.region).toBe('eu-nl');
    expect(regionOfUrl('https://ecs.cn-north-4.myhuaweicloud.com')?.region).toBe('cn-north-4');
    expect(regionOfUrl('https://iam.myhuaweicloud.com')).toBeUndefined();
    expect(regionOfUrl('http://127.0.0.1:8080')).toBeUndefined();
    expect(regionOfUrl('not a url')).toBeUndefined();
  });
});

describe('the doctor’s suggestions', () => {
  it('name the right host of the target’s own region when an endpoint is wrong', () => {
    const config = { target: 'https://ims.eu-nl.otc.t-systems.com/v2', endpoints: {} } as Config & { target: string };
    const reached = { ok: true as const, durationMs: 1, response: { status: 404, headers: {}, body: { error_msg: 'not found' } } as ExchangeResponse };
    expect(targetRow(config, reached).row).toEqual({
      item: 'target https://ims.eu-nl.otc.t-systems.com/v2',
      status: 'fail',
      detail:
        'GET / answered 404 without the versions document an image service serves: `target` is not the IMS base URL (eu-nl: https://ims.eu-nl.otc.t-systems.com)',
    });
  });
});
