import { defineCheckFactory, type CheckFactory, type Judge } from '../finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

/**
 * The rules of what a write stores (spec/rules.yaml: create-stores-attributes, the patch-* rules, the value
 * ranges): the suite knows what it sent, so it says what the answer and the next read must show.
 */
export const CREATE_STORED = {
  checkId: 'create-stored',
  hint: 'Store every attribute a create names, custom ones included: the 201 answer and every later read show each value given.',
} as const;

export const PATCH_OPS_APPLIED = {
  checkId: 'patch-ops-applied',
  hint: 'Apply add (a new attribute, or an existing one as replace), replace and remove as documented: the answer and every later read show the result.',
} as const;

export const PATCH_ATOMIC = {
  checkId: 'patch-atomic',
  hint: 'Apply a JSON patch as a whole or not at all: when one operation is refused, the image keeps every value it had.',
} as const;

export const PATCH_TIMESTAMPS = {
  checkId: 'patch-timestamps',
  hint: 'Set updated_at to the time of every successful update and leave created_at as it was.',
} as const;

export const VALUE_BOUNDS = {
  checkId: 'value-bounds',
  hint: 'Accept and store a value at the documented bound; refuse one beyond it as the error-code table says and keep what was stored.',
} as const;

/** The rules a stored value is judged by: each check below exists once per rule, reporting that rule's id. */
export type WriteRule = typeof CREATE_STORED | typeof PATCH_OPS_APPLIED | typeof PATCH_ATOMIC | typeof VALUE_BOUNDS;

/** One check factory per rule from a maker given the rule; `perRule(make)(rule)` is that rule's factory. */
function perRule<A extends unknown[]>(make: (rule: WriteRule, ...args: A) => Judge): (rule: WriteRule) => CheckFactory<A> {
  const of = (rule: WriteRule): CheckFactory<A> => defineCheckFactory(rule.checkId, (...args: A) => make(rule, ...args));
  const made = {
    'create-stored': of(CREATE_STORED),
    'patch-ops-applied': of(PATCH_OPS_APPLIED),
    'patch-atomic': of(PATCH_ATOMIC),
    'value-bounds': of(VALUE_BOUNDS),
  };
  return (rule) => made[rule.checkId];
}

/** An attribute the image must not have (a removed custom attribute): absent, or null as IMS shows unset ones. */
export const ABSENT: unique symbol = Symbol('absent');
export type Expected = Readonly<Record<string, unknown>>;

/** A value as a message shows it: long ones (a 1,024-character description) cut, with their length. */
function describe(value: unknown): string {
  if (value === ABSENT || value === undefined) return 'absent';
  const text = show(value);
  return text.length <= 80 ? text : `${text.slice(0, 60)}… (${typeof value === 'string' ? value.length : text.length} characters)`;
}

/**
 * Whether a shown value is the one expected. Lists hold every item given (Glance keeps tags as a set, in no
 * documented order); numbers equal their decimal strings, as IMS's update sends every value as a string.
 */
export function holds(actual: unknown, expected: unknown): boolean {
  if (expected === ABSENT) return actual === undefined || actual === null;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((item) => actual.includes(item));
  if (typeof expected === 'number' || typeof actual === 'number') return actual !== undefined && actual !== null && String(actual) === String(expected);
  return actual === expected;
}

/**
 * The image in a 2xx answer shows each expected attribute: `when` says where ("in the PATCH answer", "on the next
 * GET"), `because` what made the suite expect it.
 */
export const attributesHold = perRule((rule, expected: Expected, when: string, because: string): Judge => {
  return (exchange) => {
    const body = successBody(exchange);
    if (!body) return [unjudged(exchange, rule, 'an image')];
    const keys = [...Object.keys(expected)];
    return keys
      .filter((key) => !holds(body[key], expected[key]))
      .map((key) =>
        effectFinding(
          exchange,
          rule,
          'value not stored',
          `${when}, \`${key}\` is ${describe(body[key])}; after ${because}, it should be ${describe(expected[key])}.`,
        ),
      );
  };
});

/** A write the pages document as valid is accepted (any 2xx): a refusal stores nothing the rule could judge. */
export const writeAccepted = perRule((rule, what: string): Judge => {
  return (exchange) => {
    const { status } = exchange.response;
    if (status >= 200 && status < 300) return [];
    return [effectFinding(exchange, rule, 'documented write refused', `${what} answered ${status}; the pages document it as a valid write.`)];
  };
});

/**
 * A write every reading refuses, where no document gives the status (RFC 6902 §4.2: a remove's target "MUST
 * exist"; Glance answers 409, the IMS pages none): any 4xx; the read after it shows whether it changed anything.
 */
export const writeRefused = perRule((rule, what: string, why: string): Judge => {
  return (exchange) => {
    const { status } = exchange.response;
    if (status >= 400 && status < 500) return [];
    return [effectFinding(exchange, rule, 'invalid write accepted', `${what} answered ${status}; ${why}, so it must be refused (4xx).`)];
  };
});

/** The timestamps an image showed before a patch. */
export interface Stamps {
  created_at: unknown;
  updated_at: unknown;
}

/**
 * After a successful patch sent more than a second after the image's last change (timestamps may have
 * second resolution): updated_at is later than before, created_at unchanged.
 */
function makeTimestampsMoved(before: Stamps, when: string): Judge {
  return (exchange) => {
    const body = successBody(exchange);
    if (!body) return [unjudged(exchange, PATCH_TIMESTAMPS, 'an image')];
    const found = [];
    if (body.created_at !== before.created_at)
      found.push(
        effectFinding(
          exchange,
          PATCH_TIMESTAMPS,
          'created_at moved',
          `${when}, created_at is ${show(body.created_at)}; before the patch it was ${show(before.created_at)}.`,
        ),
      );
    const after = Date.parse(String(body.updated_at));
    const was = Date.parse(String(before.updated_at));
    if (!(after > was))
      found.push(
        effectFinding(
          exchange,
          PATCH_TIMESTAMPS,
          'updated_at not moved',
          `${when}, updated_at is ${show(body.updated_at)}; before the patch, sent over a second later than that, it was ${show(before.updated_at)}.`,
        ),
      );
    return found;
  };
}
export const timestampsMoved = defineCheckFactory(PATCH_TIMESTAMPS.checkId, makeTimestampsMoved);
