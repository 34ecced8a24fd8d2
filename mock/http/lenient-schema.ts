import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the callable may sit on `.default`.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats: AddFormats = (ajvFormats as unknown as { default?: AddFormats }).default ?? (ajvFormats as unknown as AddFormats);

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `not: {required: [...]}`: a member that must be absent, which RFC 6902 says to ignore instead. */
const forbidsMembers = (value: unknown): boolean => isObject(value) && Object.keys(value).length === 1 && Array.isArray(value.required);

const ID_NAME = /(^|_)id$|^marker$/;

/**
 * A copy of a request schema without the constraints the alternative variant reads the other way. It does not
 * matter whether the spec still carries each one: the copy drops it if present.
 * - json-patch-size, empty-json-patch: no minItems/maxItems on a JSON-patch array (the body root);
 * - json-patch-extra-members: no "member X must be absent" (`not: {required}`) inside a JSON-patch operation;
 * - tag-count, batch-size: no maxItems/uniqueItems on `tags`, `image_tags`, `images`, `projects`;
 * - image-tags-item-fields: `image_tags` items need only `key`;
 * - id-length: no maxLength on `…_id` strings, nor on the ids `images`/`projects` list;
 * - ram-limit: no maximum on `min_ram`/`max_ram`;
 * - cloudimages-patch-value: a JSON-patch `value` may be any JSON value, and `remove` needs none (add and
 *   replace still do, as RFC 6902 says).
 * Unknown fields (unknown-body-fields) are not dropped from the schema: the validator strips them from the body.
 */
export function relaxSchema(schema: unknown, name = '', inPatch = false, root = true): unknown {
  if (Array.isArray(schema)) return schema.map((s) => relaxSchema(s, name, inPatch, false));
  if (!isObject(schema)) return schema;
  const patch = inPatch || (root && schema.type === 'array');
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([prop, sub]) => [prop, relaxSchema(sub, prop, patch, false)]));
    } else if (key === 'items') {
      out.items = relaxSchema(value, name === 'images' || name === 'projects' ? 'id' : `${name}[]`, patch, false);
    } else if (['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not'].includes(key)) {
      out[key] = relaxSchema(value, name, patch, false);
    } else {
      out[key] = value;
    }
  }
  if (root && schema.type === 'array') {
    delete out.minItems;
    delete out.maxItems;
  }
  if (patch) {
    if (forbidsMembers(out.not)) delete out.not;
    if (isObject(out.else) && Object.keys(out.else).length === 0) delete out.else;
  }
  if (['tags', 'image_tags', 'images', 'projects'].includes(name)) {
    delete out.maxItems;
    delete out.uniqueItems;
  }
  if (name === 'image_tags[]' && Array.isArray(out.required)) out.required = out.required.filter((r) => r !== 'value');
  if (ID_NAME.test(name)) delete out.maxLength;
  if (name === 'min_ram' || name === 'max_ram') delete out.maximum;
  if (patch && name === 'value') return {};
  if (patch && isObject(out.properties) && 'op' in out.properties && Array.isArray(out.required) && out.required.includes('value')) {
    out.required = out.required.filter((r) => r !== 'value');
    // add and replace still carry a value (RFC 6902 §4.1, §4.3); only remove may go without.
    if (out.if === undefined) {
      out.if = { properties: { op: { enum: ['add', 'replace'] } } };
      out.then = { required: ['value'] };
    }
  }
  return out;
}

export interface LenientVerdict {
  valid: boolean;
  errors: string[];
  /** The value with the fields no schema lists removed (what the handler gets). */
  value: unknown;
}

/**
 * Validates requests the alternative variant's way: against the relaxed copy of each schema, stripping unknown
 * fields (ajv's `removeAdditional`) instead of refusing them. Its own ajv instance, so the suite's shared
 * validator keeps its strict behaviour.
 */
export class LenientValidator {
  private readonly ajv: Ajv2020;
  /** Per name, since the same schema object relaxes differently under an id's name. */
  private readonly compiled = new Map<string, WeakMap<object, ValidateFunction>>();

  constructor() {
    this.ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true, removeAdditional: true });
    addFormats(this.ajv);
  }

  /** `name`: the parameter's name, so an id parameter loses its length cap too. */
  validate(schema: object, value: unknown, name = ''): LenientVerdict {
    let byName = this.compiled.get(name);
    if (!byName) {
      byName = new WeakMap();
      this.compiled.set(name, byName);
    }
    let fn = byName.get(schema);
    if (!fn) {
      fn = this.ajv.compile(relaxSchema(schema, name) as object);
      byName.set(schema, fn);
    }
    // removeAdditional changes the value in place: validate a copy, the caller's body stays as sent.
    const copy: unknown = value === undefined ? undefined : structuredClone(value);
    const valid = fn(copy) as boolean;
    const errors = valid ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
    return { valid, errors, value: copy };
  }
}
