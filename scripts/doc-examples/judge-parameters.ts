import type { OpenAPIV3_1 } from 'openapi-types';
import type { SpecOperation } from '../../src/model/operation.js';
import { coerceParameterValue } from '../../src/spec/parameter-value.js';
import type { SchemaValidator } from '../../src/spec/schema-validator.js';
import { type DocExample, pathMatches, urlPath } from './corpus.js';

/*
 * Holds a request example's parameters to its operation: each query parameter of its request line, and each path
 * segment standing where the path template has a variable, against that parameter's full schema (what the suite
 * accepts, not `x-valid-subset`), the string first given the schema's type as a server would
 * (src/spec/parameter-value.ts, shared with the mock). A query parameter the operation does not declare is
 * reported as such; scripts/doc-examples/judgements.ts may excuse it with a reason.
 */

export interface RequestParameter {
  in: 'path' | 'query';
  name: string;
  value: string;
}

/** What the page writes where a real value would go: `{project_id}`, `{Endpoint}`. */
export const isPlaceholder = (value: string): boolean => /^\{[^{}]*\}$/.test(value);

/** The parameters a request line carries, for the operation's path template. */
export function requestParameters(template: string, url: string): RequestParameter[] {
  const path = urlPath(url.replace(/^[A-Z]+\s+/, ''));
  const params: RequestParameter[] = [];
  if (pathMatches(template, path)) {
    const segments = path.split('/');
    template.split('/').forEach((seg, i) => {
      const name = /^\{(.+)\}$/.exec(seg)?.[1];
      if (name !== undefined) params.push({ in: 'path', name, value: decodeURIComponent(segments[i] ?? '') });
    });
  }
  const query = url.split('?')[1];
  if (query !== undefined) for (const [name, value] of new URLSearchParams(query)) params.push({ in: 'query', name, value });
  return params;
}

export interface ParameterProblem {
  /** `undeclared`: the operation has no such query parameter; `missing`: a required one is absent. */
  kind: 'invalid' | 'undeclared' | 'missing';
  name: string;
  message: string;
}

export interface ParameterJudgement {
  /** `in name=value` of every declared parameter the request line carries (placeholders named as such). */
  judged: string[];
  problems: ParameterProblem[];
}

/** undefined: the example has no request line, or it carries no parameter (no query, no path variable). */
export function judgeParameters(example: DocExample, op: SpecOperation, validator: SchemaValidator): ParameterJudgement | undefined {
  if (example.kind !== 'request' || example.url === undefined) return undefined;
  const params = requestParameters(op.path, example.url);
  const judged: string[] = [];
  const problems: ParameterProblem[] = [];
  for (const p of params) {
    const declared = op.parameters.find((d) => d.in === p.in && d.name === p.name);
    if (!declared) {
      problems.push({ kind: 'undeclared', name: p.name, message: `${p.in} parameter ${p.name} is not declared by ${op.operationId}` });
      continue;
    }
    // Declared, but a placeholder has no value to judge.
    judged.push(isPlaceholder(p.value) ? `${p.in} ${p.name} (a placeholder)` : `${p.in} ${p.name}=${p.value}`);
    if (isPlaceholder(p.value)) continue;
    const schema = declared.schema as OpenAPIV3_1.SchemaObject | undefined;
    if (!schema) continue;
    const verdict = validator.validate(schema, coerceParameterValue(schema, p.value));
    if (!verdict.valid)
      problems.push({ kind: 'invalid', name: p.name, message: `${p.in} ${p.name}=${p.value}: ${verdict.errors.join('; ').replace('(root) ', '')}` });
  }
  for (const d of op.parameters)
    if (d.in === 'query' && d.required && !params.some((p) => p.in === 'query' && p.name === d.name))
      problems.push({ kind: 'missing', name: d.name, message: `required query parameter ${d.name} is absent` });
  if (params.length === 0 && problems.length === 0) return undefined;
  return { judged, problems };
}
