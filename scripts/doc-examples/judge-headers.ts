import type { OpenAPIV3_1 } from 'openapi-types';
import type { SpecOperation } from '../../src/model/operation.js';
import type { SchemaValidator } from '../../src/spec/schema-validator.js';
import type { DocExample } from './corpus.js';

/*
 * Holds the headers a response example shows to the headers its operation documents for that status, as the
 * suite's `response-headers` check holds a target's: every required one present, every documented one shown
 * matching its schema (the value as the string it is on the wire, as that check sees it). Only examples that
 * show headers are judged (most pages show a body alone, which says nothing about headers); headers the spec
 * does not document (Date, Content-Length) are HTTP's, not judged.
 */

export interface HeaderJudgement {
  /** `Name: value` of every documented header the example shows. */
  judged: string[];
  problems: string[];
}

export function judgeHeaders(example: DocExample, op: SpecOperation, validator: SchemaValidator): HeaderJudgement | undefined {
  const shown = Object.entries(example.headers ?? {});
  if (example.kind !== 'response' || shown.length === 0) return undefined;
  const documented = op.responses[String(example.status)]?.headers as Record<string, OpenAPIV3_1.HeaderObject> | undefined;
  if (!documented) return undefined;
  const judged: string[] = [];
  const problems: string[] = [];
  for (const [name, header] of Object.entries(documented)) {
    const value = shown.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (value === undefined) {
      if (header.required) problems.push(`${name} is required but the example does not show it`);
      continue;
    }
    const text = String(value);
    judged.push(`${name}: ${text}`);
    const schema = header.schema as OpenAPIV3_1.SchemaObject | undefined;
    if (!schema) continue;
    const verdict = validator.validate(schema, text);
    if (!verdict.valid) problems.push(`${name}: ${text}: ${verdict.errors.join('; ').replace('(root) ', '')}`);
  }
  if (judged.length === 0 && problems.length === 0) return undefined;
  return { judged, problems };
}
