import type { SpecOperation } from '../model/operation.js';
import { retryAfterMs } from '../transport/retry-after.js';
import { pause } from './timeline.js';

/**
 * One look at something that settles asynchronously: settled with a value, or still pending in some state (with
 * the answer's `Retry-After`, when the target said when to look again).
 */
export type Look<T> = { done: T } | { pending: string; retryAfter?: string | undefined };

/**
 * Looks again with backoff (50 ms doubling up to `maxDelayMs`) until `look` settles or the bound passes; a
 * pending look that carries `Retry-After` is next taken when the target asked (RFC 9110 §10.2.3: the wait it
 * expects), never after the deadline. Only a look started after the deadline proves the thing stuck: on a
 * loaded machine a reply can arrive long after the target moved on, and that stale "still running" is no evidence.
 */
export async function pollUntil<T>(timeoutMs: number, maxDelayMs: number, look: () => Promise<Look<T>>): Promise<{ done: T } | { stuck: string }> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, maxDelayMs)) {
    const startedAfterDeadline = Date.now() > deadline;
    const seen = await look();
    if ('done' in seen) return seen;
    if (startedAfterDeadline) return { stuck: seen.pending };
    const asked = retryAfterMs(seen.retryAfter);
    await pause(Math.max(0, Math.min(asked ?? delay, deadline + 1 - Date.now())));
  }
}

/**
 * The values the operation's documented success answer allows for a top-level field (the `status` enum of an
 * image or job), read from the spec so a profile's contract is the one that counts; undefined when the spec
 * pins none (then any state is taken as documented).
 */
export function documentedStates(op: Pick<SpecOperation, 'responses' | 'successStatuses'>, field = 'status'): string[] | undefined {
  for (const status of op.successStatuses) {
    const content = op.responses[String(status)]?.content ?? {};
    for (const media of Object.values(content)) {
      const found = enumOf(media.schema as SchemaNode | undefined, field);
      if (found) return found;
    }
  }
  return undefined;
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  allOf?: SchemaNode[];
  enum?: unknown[];
}

/** The enum of a top-level property, looked up through `allOf` (the IMS image extends the Glance image that way). */
function enumOf(schema: SchemaNode | undefined, field: string): string[] | undefined {
  if (!schema) return undefined;
  const own = schema.properties?.[field];
  if (Array.isArray(own?.enum)) return own.enum.filter((v): v is string => typeof v === 'string');
  for (const part of schema.allOf ?? []) {
    const found = enumOf(part, field);
    if (found) return found;
  }
  return undefined;
}

/** What one polled state means for a wait: reached, worth waiting for, or a reason to stop at once. */
export type StateVerdict = { kind: 'reached' } | { kind: 'wait' } | { kind: 'stop'; reason: string };

export interface StateRules {
  /** The states the wait is for. */
  wanted: readonly string[];
  /** The documented states on the way there: only these are waited for. */
  inProgress: readonly string[];
  /** The spec's enum; a state outside it cannot be on the way anywhere documented. */
  documented: readonly string[] | undefined;
  /** What is polled, for the reason: `image 1234`, `job abcd`. */
  what: string;
}

/**
 * Judges one polled state. Waiting on a state the documents do not list, or on a documented end state other
 * than the wanted one, would only burn the poll timeout (ten minutes by default): the first such answer
 * already settles that the wait cannot succeed.
 */
export function judgeState(state: unknown, rules: StateRules): StateVerdict {
  if (typeof state === 'string' && rules.wanted.includes(state)) return { kind: 'reached' };
  if (typeof state !== 'string') return { kind: 'stop', reason: `${rules.what} answers no status, so the run cannot wait for ${rules.wanted.join(' or ')}` };
  if (rules.documented && !rules.documented.includes(state))
    return {
      kind: 'stop',
      reason: `${rules.what} reports status ${JSON.stringify(state)}, which the documented enum (${rules.documented.join(', ')}) does not list, so it cannot become ${rules.wanted.join(' or ')}`,
    };
  if (!rules.inProgress.includes(state))
    return { kind: 'stop', reason: `${rules.what} reports status ${JSON.stringify(state)}, an end state: it will not become ${rules.wanted.join(' or ')}` };
  return { kind: 'wait' };
}

/**
 * Image states on the way to `active` (Glance's image lifecycle: created `queued`, data arriving `uploading` or
 * `importing`, checked `saving`); the other documented states (killed, deleted, pending_delete, deactivated) end
 * the way there.
 */
export const IMAGE_STATES_IN_PROGRESS = ['queued', 'saving', 'uploading', 'importing'] as const;

/** Job states before SUCCESS or FAIL (the IMS job query page: INIT, then RUNNING). */
export const JOB_STATES_IN_PROGRESS = ['INIT', 'RUNNING'] as const;
