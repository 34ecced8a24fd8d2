/**
 * The public endpoint tables of the two clouds the `ims` profile is written for, as `init --region` writes them and
 * the doctor suggests them. Recorded here (no network at run time); each cloud names where its rows come from.
 */

export type Cloud = 'huawei' | 'otc';

export interface RegionEndpoints {
  cloud: Cloud;
  region: string;
  /** The IMS base URL (`target`: GET / answers the versions document). */
  ims: string;
  /** IAM / Keystone (`endpoints.iam`): password principals sign in here (POST /v3/auth/tokens). */
  iam: string;
  /** ECS / Nova v2.1 (`endpoints.compute`). */
  ecs: string;
}

/**
 * Open Telekom Cloud: the "Regions and Endpoints" table, github.com/opentelekomcloud-docs/regions-and-endpoints
 * doc/source/index.rst (commit eb83afd6cd461f95a84af8ea43d20b1ed0c3b388): Image Management Service
 * `ims.{region}.otc.t-systems.com`, Identity and Access Management `iam.{region}.otc.t-systems.com`, Elastic Cloud
 * Server `ecs.{region}.otc.t-systems.com`, for eu-de and eu-nl (HTTPS). The Swiss cloud (eu-ch2) is not in that table.
 */
const OTC_REGIONS = ['eu-de', 'eu-nl'] as const;

/**
 * Huawei Cloud: the regions whose IMS and ECS endpoints Huawei's own SDK tables list, `ims.{region}.myhuaweicloud.com`
 * and `ecs.{region}.myhuaweicloud.com` (github.com/huaweicloud/huaweicloud-sdk-python-v3, commit
 * 005c9666deda1114284ca582082a6512217e78ef: huaweicloud-sdk-ims/huaweicloudsdkims/v2/region/ims_region.py and
 * huaweicloud-sdk-ecs/huaweicloudsdkecs/v2/region/ecs_region.py list the same regions; both follow the pattern of
 * developer.huaweicloud.com/intl/en-us/endpoint). eu-west-101 is left out: it is served from myhuaweicloud.eu, with
 * an IAM of its own that these tables do not give.
 */
const HUAWEI_REGIONS = [
  'af-south-1',
  'ae-ad-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'cn-east-2',
  'cn-east-3',
  'cn-east-5',
  'cn-north-1',
  'cn-north-2',
  'cn-north-4',
  'cn-north-9',
  'cn-south-1',
  'cn-south-2',
  'cn-south-4',
  'cn-southwest-2',
  'eu-west-0',
  'la-north-2',
  'la-south-2',
  'me-east-1',
  'my-kualalumpur-1',
  'na-mexico-1',
  'sa-brazil-1',
  'tr-west-1',
] as const;

/**
 * Huawei IAM's endpoint table (support.huaweicloud.com/intl/en-us/api-iam/iam_01_0004.html, "Endpoints"): IAM is a
 * global service, every API of it answers at the Global endpoint `iam.myhuaweicloud.com`; the token call also at
 * `iam.{region}.myhuaweicloud.com` for these regions (a token got there works in that region only, which is the one
 * the run uses). Other regions sign in at the Global endpoint.
 */
const HUAWEI_REGIONAL_IAM = new Set([
  'cn-north-1',
  'cn-north-2',
  'cn-north-4',
  'cn-east-3',
  'cn-east-2',
  'cn-south-1',
  'cn-south-2',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'af-south-1',
]);
const HUAWEI_GLOBAL_IAM = 'https://iam.myhuaweicloud.com';

const otc = (region: string): RegionEndpoints => ({
  cloud: 'otc',
  region,
  ims: `https://ims.${region}.otc.t-systems.com`,
  iam: `https://iam.${region}.otc.t-systems.com`,
  ecs: `https://ecs.${region}.otc.t-systems.com`,
});

const huawei = (region: string): RegionEndpoints => ({
  cloud: 'huawei',
  region,
  ims: `https://ims.${region}.myhuaweicloud.com`,
  iam: HUAWEI_REGIONAL_IAM.has(region) ? `https://iam.${region}.myhuaweicloud.com` : HUAWEI_GLOBAL_IAM,
  ecs: `https://ecs.${region}.myhuaweicloud.com`,
});

/** Every region of both tables, OTC first (the IMS documents this suite cites are OTC's). */
export const REGIONS: readonly RegionEndpoints[] = [...OTC_REGIONS.map(otc), ...HUAWEI_REGIONS.map(huawei)];

export const regionNames = (): string[] => REGIONS.map((r) => r.region);

export const regionEndpoints = (region: string): RegionEndpoints | undefined => REGIONS.find((r) => r.region === region);

/** The region whose IMS host a URL names (`https://ims.eu-de.otc.t-systems.com/…` → eu-de), for suggestions. */
export function regionOfUrl(url: string | undefined): RegionEndpoints | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return REGIONS.find((r) => [r.ims, r.iam, r.ecs].some((u) => new URL(u).hostname === host && !u.startsWith(HUAWEI_GLOBAL_IAM)));
}
