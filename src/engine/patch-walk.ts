import {
  ABSENT,
  attributesHold,
  PATCH_ATOMIC,
  PATCH_OPS_APPLIED,
  VALUE_BOUNDS,
  writeAccepted,
  writeRefused,
  type Expected,
  type WriteRule,
} from '../checks/rules/write-read-back.js';
import type { Check, CheckDeclaration } from '../checks/finding.js';
import { valueRefused } from '../checks/situation-checks.js';
import type { CheckId } from '../model/check-id.js';
import type { Exchange } from '../model/exchange.js';
import type { SpecOperation } from '../model/operation.js';
import { Ledger } from './apply-checks.js';
import { patchRequest, type PatchOp } from './json-patch.js';
import type { RunContext } from './run-context.js';

type Rule = Exclude<WriteRule, { checkId: 'create-stored' }>;

/**
 * One patch of the walk: what it sends, what a success stores, and whether the documents let the target refuse
 * it — `never` (a documented write), `may` (a reading allows the refusal: the SDK's "add only for new
 * attributes"), `must` (a value beyond a documented bound: the error-situation table's invalid-value answer),
 * `4xx` (every reading refuses it, none documents the status).
 */
export interface PatchStep {
  rule: Rule;
  what: string;
  ops: PatchOp[];
  stores: Expected;
  refusal: 'never' | 'may' | 'must' | '4xx';
  /** Why a `4xx` step must be refused. */
  why?: string;
}

/** A custom attribute name both IMS (no upper case, IMS update page) and Glance take as a free-form property. */
export const CUSTOM = 'ims_conformance_note';
const OTHER = 'ims_conformance_extra';
const NEVER_SET = 'ims_conformance_never_set';

const sized = (prefix: string, length: number): string => `${prefix}-`.padEnd(length, 'n');

/**
 * The walk over every documented op, on a core attribute (`name`) and a custom one, then an atomicity probe and
 * the name bounds both readings share (IMS's attribute table: 128; the create page and Glance: 255). The IMS
 * update (`ims`) also changes `min_ram` and `__description`, whose bounds the attribute table gives (at most 1,024
 * characters, no carriage return or angle bracket).
 */
export function patchSteps(runId: string, dialect: 'glance' | 'ims'): PatchStep[] {
  const value = (n: number): string => `${runId}-v${n}`;
  const steps: PatchStep[] = [
    {
      rule: PATCH_OPS_APPLIED,
      what: 'add of a new custom attribute with replace of the name',
      ops: [
        { op: 'add', attribute: CUSTOM, value: value(1) },
        { op: 'replace', attribute: 'name', value: `${runId}-patched` },
        ...(dialect === 'ims' ? [{ op: 'replace' as const, attribute: 'min_ram', value: '2048' }] : []),
      ],
      stores: { [CUSTOM]: value(1), name: `${runId}-patched`, ...(dialect === 'ims' ? { min_ram: 2048 } : {}) },
      refusal: 'never',
    },
    {
      rule: PATCH_OPS_APPLIED,
      what: 'add of an existing custom attribute',
      ops: [{ op: 'add', attribute: CUSTOM, value: value(2) }],
      stores: { [CUSTOM]: value(2) },
      refusal: 'may',
    },
    {
      rule: PATCH_OPS_APPLIED,
      what: 'add of the existing name',
      ops: [{ op: 'add', attribute: 'name', value: `${runId}-added` }],
      stores: { name: `${runId}-added` },
      refusal: 'may',
    },
    {
      rule: PATCH_OPS_APPLIED,
      what: 'replace of a custom attribute',
      ops: [{ op: 'replace', attribute: CUSTOM, value: value(3) }],
      stores: { [CUSTOM]: value(3) },
      refusal: 'never',
    },
    {
      rule: PATCH_OPS_APPLIED,
      what: 'remove of a custom attribute',
      ops: [{ op: 'remove', attribute: CUSTOM }],
      stores: { [CUSTOM]: ABSENT },
      refusal: 'never',
    },
    {
      rule: PATCH_ATOMIC,
      what: 'add of a new attribute with remove of one the image never had',
      ops: [
        { op: 'add', attribute: OTHER, value: value(4) },
        { op: 'remove', attribute: NEVER_SET },
      ],
      stores: { [OTHER]: value(4) },
      refusal: '4xx',
      why: 'the IMS update pages let replace and remove name only an existing attribute, and RFC 6902 §4.2 says the target of a remove must exist',
    },
    {
      rule: PATCH_OPS_APPLIED,
      what: 'replace of the read-only status',
      ops: [{ op: 'replace', attribute: 'status', value: 'killed' }],
      stores: { status: 'killed' },
      refusal: '4xx',
      why: 'the IMS pages let a patch change only the name, the description, custom attributes (and on the IMS update the attributes it lists), and Glance keeps status read-only',
    },
    {
      rule: VALUE_BOUNDS,
      what: 'a name of 128 characters',
      ops: [{ op: 'replace', attribute: 'name', value: sized(runId, 128) }],
      stores: { name: sized(runId, 128) },
      refusal: 'never',
    },
    {
      rule: VALUE_BOUNDS,
      what: 'a name of 256 characters',
      ops: [{ op: 'replace', attribute: 'name', value: sized(runId, 256) }],
      stores: { name: sized(runId, 256) },
      refusal: 'must',
    },
  ];
  if (dialect === 'ims')
    steps.push(
      {
        rule: VALUE_BOUNDS,
        what: 'a name ending with a space',
        ops: [{ op: 'replace', attribute: 'name', value: `${runId}-spaced ` }],
        stores: { name: `${runId}-spaced ` },
        refusal: 'must',
      },
      {
        rule: VALUE_BOUNDS,
        what: 'a description of 1,024 characters',
        ops: [{ op: 'add', attribute: '__description', value: 'd'.repeat(1024) }],
        stores: { __description: 'd'.repeat(1024) },
        refusal: 'never',
      },
      {
        rule: VALUE_BOUNDS,
        what: 'a description of 1,025 characters',
        ops: [{ op: 'replace', attribute: '__description', value: 'd'.repeat(1025) }],
        stores: { __description: 'd'.repeat(1025) },
        refusal: 'must',
      },
      {
        rule: VALUE_BOUNDS,
        what: 'a description with angle brackets',
        ops: [{ op: 'replace', attribute: '__description', value: '<b>bold</b>' }],
        stores: { __description: '<b>bold</b>' },
        refusal: 'must',
      },
    );
  return steps;
}

/** One exchange of a walk, with the rule it was judged for and the checks' judgement of it. */
export interface Judged {
  checkId: CheckId;
  exchange: Exchange;
  judgement: Ledger;
}

/** The checks a walk of these steps applies (each step's answer, and its read by the step's rule). */
export function stepChecks(steps: readonly PatchStep[]): CheckDeclaration[] {
  return steps.flatMap((step): CheckDeclaration[] => [
    attributesHold(step.rule),
    ...(step.refusal === 'must' ? [valueRefused] : []),
    ...(step.refusal === 'never' ? [writeAccepted(step.rule)] : []),
    ...(step.refusal === '4xx' ? [writeRefused(step.rule)] : []),
  ]);
}

/** What the image keeps after a refused step: the model, and none of the attributes the step would have added. */
const keptAfterRefusal = (model: Expected, step: PatchStep): Expected => ({
  ...Object.fromEntries(Object.keys(step.stores).map((key) => [key, ABSENT])),
  ...model,
});

/**
 * Runs the steps in order as `caller` on one image, each answer and the next read judged against what the suite
 * expects the image to hold; a refused step keeps the model. Returns every judged exchange, or why it stopped.
 * `onFirst` gets the first step's answer and read when it was applied (the timestamps it must have moved).
 */
export async function walkPatches(
  ctx: RunContext,
  op: SpecOperation,
  caller: string,
  imageId: string,
  steps: readonly PatchStep[],
  /** What the image shows before the walk, of the attributes a refused step must leave (its status). */
  start: Expected = {},
  onFirst?: (answer: Exchange, read: Exchange) => void,
): Promise<{ judged: Judged[]; stopped?: { kind: 'skip' | 'error'; message: string } }> {
  const judged: Judged[] = [];
  const judge = (exchange: Exchange, checkId: CheckId, checks: Check[]): void => {
    judged.push({ checkId, exchange, judgement: new Ledger(ctx).apply(checks, exchange) });
  };
  let model = start;
  for (const [index, step] of steps.entries()) {
    const sent = await ctx.call(op, { as: caller }, patchRequest(op, imageId, step.ops));
    if (!sent.ok) return { judged, stopped: { kind: sent.kind, message: sent.message } };
    const { status } = sent.exchange.response;
    // An accepted step is read back whole, also one that should have been refused (its answer fails for that).
    const applied = status >= 200 && status < 300;
    const because = `the ${step.what} (answered ${status})`;
    const onAnswer: Check[] = [];
    if (step.refusal === 'must') onAnswer.push(valueRefused(ctx.spec.situations, step.what));
    if (step.refusal === 'never') onAnswer.push(writeAccepted(step.rule)(`The ${step.what}`));
    if (step.refusal === '4xx') onAnswer.push(writeRefused(step.rule)(`The ${step.what}`, step.why ?? 'no reading accepts it'));
    if (applied && (step.refusal === 'never' || step.refusal === 'may')) onAnswer.push(attributesHold(step.rule)(step.stores, 'In the PATCH answer', because));
    judge(sent.exchange, step.rule.checkId, onAnswer);
    model = applied ? { ...model, ...step.stores } : keptAfterRefusal(model, step);
    const read = await ctx.call(ctx.role('image.show'), { as: caller }, { params: { image_id: imageId } });
    if (!read.ok) return { judged, stopped: { kind: read.kind, message: read.message } };
    // Only what this step touched: each rule is judged on its own step, whatever an earlier one left.
    const touched = Object.fromEntries(Object.keys(step.stores).map((key) => [key, model[key]]));
    judge(read.exchange, step.rule.checkId, [attributesHold(step.rule)(touched, 'On the next GET', because)]);
    if (index === 0 && applied) onFirst?.(sent.exchange, read.exchange);
  }
  return { judged };
}
