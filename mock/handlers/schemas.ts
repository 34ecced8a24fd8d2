import type { LoadedSpec } from '../../src/spec/load-spec.js';
import type { Handler } from '../context.js';
import { json } from '../http/responses.js';

type Schema = Record<string, unknown>;

/**
 * A property's schema as a JSON-schema client reads it: without the spec's own annotations (`x-doc`,
 * judgement descriptions, examples), which describe the contract, not the entity.
 */
function clientView(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(clientView);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema as Schema)
      .filter(([key]) => !key.startsWith('x-') && key !== 'description' && key !== 'examples')
      .map(([key, value]) => [key, clientView(value)]),
  );
}

/** Every property a schema declares, its own and its `allOf` parts', the nearest declaration winning. */
function collectProperties(schema: Schema): Record<string, unknown> {
  const parts = ((schema.allOf as Schema[] | undefined) ?? []).map(collectProperties);
  const own = (schema.properties as Record<string, unknown> | undefined) ?? {};
  return Object.assign({}, ...parts, own) as Record<string, unknown>;
}

/** The 200 body schema of the operation at `method path` in the served contract. */
function successBody(spec: LoadedSpec, method: string, path: string): Schema {
  const op = spec.operations.find((o) => o.method === method && o.path === path);
  const schema = op?.responses['200']?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the served contract has no 200 body for ${method.toUpperCase()} ${path}`);
  return schema as Schema;
}

const propertiesOf = (spec: LoadedSpec, method: string, path: string): Record<string, unknown> =>
  clientView(collectProperties(successBody(spec, method, path))) as Record<string, unknown>;

/**
 * The image entity as GET /v2/images/{image_id} of the served contract documents it, IMS extension attributes
 * included; other attributes are strings, as the OTC schema page and Glance say (`additionalProperties`).
 */
function imageSchema(spec: LoadedSpec): Schema {
  return {
    name: 'image',
    properties: propertiesOf(spec, 'get', '/v2/images/{image_id}'),
    additionalProperties: { type: 'string' },
    links: [
      { href: '{self}', rel: 'self' },
      { href: '{file}', rel: 'enclosure' },
      { href: '{schema}', rel: 'describedby' },
    ],
  };
}

function memberSchema(spec: LoadedSpec): Schema {
  return { name: 'member', properties: propertiesOf(spec, 'get', '/v2/images/{image_id}/members/{member_id}') };
}

/** A list document as Glance writes one: the entities under `key`, plus the list's own links. */
function listSchema(name: string, key: string, entity: Schema, links: string[]): Schema {
  const { name: _entityName, ...item } = entity;
  const linkProperties = Object.fromEntries(links.map((rel) => [rel, { type: 'string' }]));
  return {
    name,
    properties: { [key]: { type: 'array', items: item }, schema: { type: 'string' }, ...linkProperties },
    links: [...links.filter((rel) => rel !== 'schema').map((rel) => ({ href: `{${rel}}`, rel })), { href: '{schema}', rel: 'describedby' }],
  };
}

/** The image schema served; the fault served-image-schema-stale declares `min_disk` a string, which no image carries. */
function servedImageSchema(ctx: Parameters<Handler>[0]): Schema {
  const schema = imageSchema(ctx.state.spec);
  if (!ctx.state.faults.has('served-image-schema-stale')) return schema;
  return { ...schema, properties: { ...(schema.properties as Record<string, unknown>), min_disk: { type: 'string' } } };
}

const showImageSchema: Handler = (ctx) => json(200, servedImageSchema(ctx));
const showImagesSchema: Handler = (ctx) => json(200, listSchema('images', 'images', servedImageSchema(ctx), ['first', 'next', 'schema']));
const showMemberSchema: Handler = (ctx) => json(200, memberSchema(ctx.state.spec));
const showMembersSchema: Handler = (ctx) => json(200, listSchema('members', 'members', memberSchema(ctx.state.spec), ['schema']));

/** GET /v2/schemas/{image,images,member,members}: the JSON-schema documents glanceclient builds its models from. */
export const schemaHandlers: Record<string, Handler> = { showImageSchema, showImagesSchema, showMemberSchema, showMembersSchema };
