/** JSON Schema of the config file (and of the merged config before defaults), so errors name the field. */
export const principalSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['actions'],
  properties: {
    token: { type: 'string', minLength: 1 },
    password: {
      type: 'object',
      additionalProperties: false,
      required: ['domain', 'user', 'password'],
      properties: {
        domain: { type: 'string', minLength: 1 },
        user: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1 },
        project: { type: 'string', minLength: 1 },
        projectId: { type: 'string', minLength: 1 },
      },
    },
    aksk: {
      type: 'object',
      additionalProperties: false,
      // Missing keys come from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, as Huawei's SDKs read them.
      properties: { ak: { type: 'string', minLength: 1 }, sk: { type: 'string', minLength: 1 }, securityToken: { type: 'string', minLength: 1 } },
    },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    cloud: { type: 'string', minLength: 1 },
    actions: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9*]+:[A-Za-z0-9*]+:[A-Za-z0-9*]+$' } },
    deny: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9*]+:[A-Za-z0-9*]+:[A-Za-z0-9*]+$' } },
    projectId: { type: 'string', minLength: 1 },
    enterpriseProjectId: { type: 'string', minLength: 1 },
    roles: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9]+ \\S.*$' } },
  },
} as const;

export const configFileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    target: { type: 'string', pattern: '^https?://' },
    endpoints: {
      type: 'object',
      additionalProperties: false,
      properties: { compute: { type: 'string', pattern: '^https?://' }, iam: { type: 'string', pattern: '^https?://' } },
    },
    projectId: { type: 'string', minLength: 1 },
    principals: { type: 'object', required: ['owner'], additionalProperties: principalSchema },
    fixtures: { type: 'object', additionalProperties: { type: 'string' } },
    profile: { enum: ['ims', 'openstack'] },
    reportDir: { type: 'string', minLength: 1 },
    seed: { type: 'integer' },
    runs: { type: 'integer', minimum: 1, maximum: 10000 },
    only: { type: 'array', items: { type: 'string', minLength: 1 } },
    readOnly: { type: 'boolean' },
    sweep: { type: 'boolean' },
    concurrency: { type: 'integer', minimum: 1, maximum: 256 },
    maxResources: { type: 'integer', minimum: 1, maximum: 100000 },
    rate: { type: 'number', exclusiveMinimum: 0 },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600000 },
    pollTimeoutMs: { type: 'integer', minimum: 100, maximum: 86400000 },
    insecure: { type: 'boolean' },
    caFile: { type: 'string', minLength: 1 },
  },
} as const;
