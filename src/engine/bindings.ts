import { pointerSegments } from '../model/json-pointer.js';
import { randomHex } from './scenario-random.js';

/** What `x-bindings` templates may name. */
export interface BindingFacts {
  runId: string;
  fixtures: Record<string, string>;
  project: { caller?: string | undefined; owner?: string | undefined; member?: string | undefined };
  image?: { id: string } | undefined;
  job?: { id: string } | undefined;
  caller?: { password?: { user: string; password: string; domain: string }; projectScope?: Record<string, unknown> } | undefined;
}

function lookup(facts: BindingFacts, token: string): unknown {
  // Drawn from the scenario's seeded stream: unique within the run (with the run id), repeated by a replay.
  if (token === 'unique') return randomHex(4);
  let value: unknown = facts;
  for (const key of token.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** Fills one template; a template that is a single placeholder takes the value as it is (objects included). */
export function fillTemplate(template: string, facts: BindingFacts): { ok: true; value: unknown } | { ok: false; missing: string } {
  const whole = /^\{([^}]+)\}$/.exec(template);
  if (whole?.[1]) {
    const value = lookup(facts, whole[1]);
    return value === undefined ? { ok: false, missing: whole[1] } : { ok: true, value };
  }
  let missing: string | undefined;
  const value = template.replace(/\{([^}]+)\}/g, (_m, token: string) => {
    const v = lookup(facts, token);
    if (v === undefined) missing ??= token;
    return String(v ?? '');
  });
  return missing ? { ok: false, missing } : { ok: true, value };
}

/**
 * Sets the value at a JSON pointer, making the containers on the way: a generated body may leave out the
 * optional array or object a binding writes into (`/tags/0` of a create without tags).
 */
function setPointer(root: unknown, pointer: string, value: unknown): void {
  const keys = pointerSegments(pointer);
  let at = root as Record<string, unknown>;
  keys.slice(0, -1).forEach((key, i) => {
    if (at[key] === null || typeof at[key] !== 'object') at[key] = /^\d+$/.test(keys[i + 1] ?? '') ? [] : {};
    at = at[key] as Record<string, unknown>;
  });
  const last = keys.at(-1);
  if (last !== undefined) at[last] = value;
}

/** A copy of the example body with every binding filled in, or the first placeholder the run cannot fill. */
export function applyBindings(
  example: unknown,
  bindings: Record<string, string>,
  facts: BindingFacts,
): { ok: true; body: unknown } | { ok: false; missing: string } {
  const body = structuredClone(example);
  for (const [pointer, template] of Object.entries(bindings)) {
    const filled = fillTemplate(template, facts);
    if (!filled.ok) return filled;
    setPointer(body, pointer, filled.value);
  }
  return { ok: true, body };
}
