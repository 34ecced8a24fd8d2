import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the callable may sit on `.default`.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats: AddFormats = (ajvFormats as unknown as { default?: AddFormats }).default ?? (ajvFormats as unknown as AddFormats);

export interface SchemaVerdict {
  valid: boolean;
  /** One line per violation: `/images/0/status must be equal to one of the allowed values`. */
  errors: string[];
  /** The same violations as ajv reports them (with `schemaPath`, for the provenance of each). */
  raw: ErrorObject[];
}

/** OpenAPI 3.1 schemas are JSON Schema 2020-12; the OpenAPI-only keywords are annotations here. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateFormats: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'discriminator' });
  ajv.addKeyword({ keyword: 'xml' });
  ajv.addKeyword({ keyword: 'externalDocs' });
  // Provenance annotations (src/spec/provenance.ts): they say where a constraint comes from, they add none.
  ajv.addKeyword({ keyword: 'x-doc' });
  ajv.addKeyword({ keyword: 'x-advisory' });
  ajv.addKeyword({ keyword: 'x-valid-subset' });
  ajv.addKeyword({ keyword: 'x-error-code-statuses' });
  return ajv;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) =>
      `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}

/**
 * Compiles each schema object once. Schemas come from the dereferenced spec, so object identity is a sound
 * cache key and every consumer validating the same operation shares one compiled function.
 */
export class SchemaValidator {
  private readonly ajv = createAjv();
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  compile(schema: object): ValidateFunction {
    let fn = this.compiled.get(schema);
    if (!fn) {
      fn = this.ajv.compile(schema);
      this.compiled.set(schema, fn);
    }
    return fn;
  }

  validate(schema: object, value: unknown): SchemaVerdict {
    const fn = this.compile(schema);
    const valid = fn(value) as boolean;
    return { valid, errors: valid ? [] : describeErrors(fn.errors), raw: valid ? [] : [...(fn.errors ?? [])] };
  }
}
