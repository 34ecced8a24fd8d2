import { describe, expect, it } from 'vitest';
import { LenientValidator, relaxSchema } from '../../mock/http/lenient-schema.js';

/*
 * The alternative variant validates requests with relaxed copies of the spec's schemas. These tests hold each
 * relaxation on a schema written here, so they do not depend on which constraints the spec carries today.
 */

const patchSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 64,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['op', 'path', 'value'],
    properties: { op: { enum: ['add', 'replace', 'remove'] }, path: { type: 'string' }, value: { type: 'string', maxLength: 1024 } },
    if: { properties: { op: { enum: ['add', 'replace'] } } },
    then: { required: ['value'] },
    else: { not: { required: ['value'] } },
  },
};

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', maxLength: 128 },
    instance_id: { type: 'string', minLength: 1, maxLength: 64 },
    tags: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 255 } },
    image_tags: {
      type: 'array',
      maxItems: 20,
      items: { type: 'object', required: ['key', 'value'], properties: { key: { type: 'string' }, value: { type: 'string' } } },
    },
    images: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: { type: 'string', maxLength: 64 } },
    min_ram: { type: 'integer', minimum: 0, maximum: 1048576 },
  },
};

describe('relaxSchema', () => {
  it('drops the JSON-patch caps, the ban on extra members, and the type of `value`, and keeps RFC 6902’s add/replace need a value', () => {
    const relaxed = relaxSchema(patchSchema) as typeof patchSchema;
    expect(relaxed).not.toHaveProperty('minItems');
    expect(relaxed).not.toHaveProperty('maxItems');
    expect(relaxed.items).not.toHaveProperty('else');
    expect(relaxed.items.properties.value).toEqual({});
    expect(relaxed.items.required).toEqual(['op', 'path']);
    expect(relaxed.items.then).toEqual({ required: ['value'] });
  });

  it('lets `remove` go without a value where a schema requires one on every operation, and not add or replace', () => {
    const everyOp = {
      type: 'array',
      items: {
        type: 'object',
        required: ['op', 'path', 'value'],
        properties: { op: { enum: ['add', 'replace', 'remove'] }, path: { type: 'string' }, value: { type: 'string' } },
      },
    };
    const validator = new LenientValidator();
    expect(validator.validate(everyOp, [{ op: 'remove', path: '/x' }]).valid).toBe(true);
    expect(validator.validate(everyOp, [{ op: 'add', path: '/x' }]).valid).toBe(false);
    expect(validator.validate(everyOp, [{ op: 'replace', path: '/x', value: 7 }]).valid).toBe(true);
  });

  it('drops tag and batch caps, id lengths and the RAM bound, and keeps every other constraint', () => {
    const relaxed = relaxSchema(createSchema) as typeof createSchema;
    expect(relaxed.properties.tags).toEqual({ type: 'array', items: { type: 'string', maxLength: 255 } });
    expect(relaxed.properties.image_tags.items.required).toEqual(['key']);
    expect(relaxed.properties.images).toEqual({ type: 'array', minItems: 1, items: { type: 'string' } });
    expect(relaxed.properties.instance_id).toEqual({ type: 'string', minLength: 1 });
    expect(relaxed.properties.min_ram).toEqual({ type: 'integer', minimum: 0 });
    expect(relaxed.properties.name).toEqual({ type: 'string', maxLength: 128 });
    expect(relaxed.additionalProperties).toBe(false);
  });

  it('drops the length cap of an id parameter by its name', () => {
    expect(relaxSchema({ type: 'string', maxLength: 64 }, 'image_id')).toEqual({ type: 'string' });
    expect(relaxSchema({ type: 'string', maxLength: 64 }, 'name')).toEqual({ type: 'string', maxLength: 64 });
  });
});

describe('LenientValidator', () => {
  it('strips unknown fields instead of refusing them, leaving the caller’s value as sent', () => {
    const body = { name: 'x', unexpected: 1 };
    const verdict = new LenientValidator().validate(createSchema, body);
    expect(verdict.valid).toBe(true);
    expect(verdict.value).toEqual({ name: 'x' });
    expect(body).toEqual({ name: 'x', unexpected: 1 });
  });

  it('still refuses what a document does state', () => {
    const verdict = new LenientValidator().validate(createSchema, { name: 'n'.repeat(129) });
    expect(verdict.valid).toBe(false);
    expect(verdict.errors.join()).toContain('/name');
  });

  it('accepts an empty patch and `value` on remove', () => {
    const validator = new LenientValidator();
    expect(validator.validate(patchSchema, []).valid).toBe(true);
    expect(validator.validate(patchSchema, [{ op: 'remove', path: '/x', value: 'y' }]).valid).toBe(true);
    expect(validator.validate(patchSchema, [{ op: 'add', path: '/x' }]).valid).toBe(false);
  });
});
