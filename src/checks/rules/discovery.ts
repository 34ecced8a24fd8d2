import { Ajv2020 } from 'ajv/dist/2020.js';
import { defineCheck, defineCheckFactory, notApplicable, type Check, type Judge } from '../finding.js';
import type { Exchange } from '../../model/exchange.js';
import type { Finding } from '../../model/finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

/** The rule versions-served: GET / and GET /versions name the v2 API the service serves (the one every /v2 call uses). */
export const VERSIONS_SERVED = {
  checkId: 'versions-served',
  hint: 'List the v2 API the endpoint serves in its versions document, as CURRENT (or SUPPORTED beside a newer CURRENT one).',
} as const;

/** The rule served-schema-describes: the schema documents describe the entities the service returns. */
export const SERVED_SCHEMA_DESCRIBES = {
  checkId: 'served-schema-describes',
  hint: 'Serve schema documents that the images the service returns validate against (glanceclient validates each entity with them).',
} as const;

/** A version of the v2 API (`v2`, `v2.0` … `v2.16`) offered for use: CURRENT or SUPPORTED, not DEPRECATED or EXPERIMENTAL. */
const V2 = /^v2(\.\d+)?$/;
const IN_USE = new Set(['CURRENT', 'SUPPORTED']);

/**
 * Both version pages list `CURRENT` and `SUPPORTED` v2 versions, and the suite calls v2 on this endpoint: a document
 * that does not offer v2 sends clients (glanceclient, openstacksdk) elsewhere or nowhere.
 */
export const versionsServed: Check = defineCheck(VERSIONS_SERVED.checkId, (exchange) => {
  const body = exchange.response.status === 300 ? (exchange.response.body as Record<string, unknown> | undefined) : successBody(exchange);
  const versions = body?.versions;
  if (!Array.isArray(versions)) return [unjudged(exchange, VERSIONS_SERVED, 'a versions list')];
  const offered = versions.filter((v) => V2.test(String(v?.id)) && IN_USE.has(String(v?.status)));
  if (offered.length > 0) return [];
  const listed = versions.map((v) => `${v?.id} ${v?.status}`).join(', ') || 'nothing';
  return [
    effectFinding(
      exchange,
      VERSIONS_SERVED,
      'v2 not offered',
      `The versions document lists ${listed}: no v2 version is CURRENT or SUPPORTED, yet the endpoint serves /v2.`,
    ),
  ];
});

/**
 * Served schema documents are JSON-schema documents for clients, with Glance's own keywords (`links`, `is_base`),
 * so they are read leniently; formats are not judged, as Glance's schema documents name none a client enforces.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: false, validateSchema: false, unicodeRegExp: false });

/** One way an instance breaks a served schema; `undeclared` when it is an attribute the schema names only through additionalProperties. */
export interface Violation {
  text: string;
  undeclared: boolean;
}

/**
 * A validator of the served `schema`: why an instance breaks it (empty when it holds). A document this lenient reader
 * cannot compile is left unjudged (`unreadable`): the fault may be the reader's, so it is no failure.
 */
export function servedValidator(schema: unknown): ((instance: unknown) => Violation[]) | { unreadable: string } {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return { unreadable: `it is not an object: ${show(schema)}` };
  // A Glance-style `id`/`$id` would register the schema by name, so a second compile of it would clash.
  const { $schema: _dialect, $id: _id, id: _glanceId, ...body } = schema as Record<string, unknown>;
  let validate: ReturnType<typeof ajv.compile>;
  try {
    validate = ajv.compile(body);
  } catch (error) {
    return { unreadable: `it does not compile as JSON schema: ${(error as Error).message}` };
  }
  return (instance) =>
    validate(instance)
      ? []
      : (validate.errors ?? []).map((e) => ({
          text: `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim(),
          undeclared: /\/additionalProperties(\/|$)/.test(e.schemaPath),
        }));
}

/**
 * The answer `entity` (a read of the images the schema `served` describes) validates against it; `pick` gives the
 * instances of the answer the schema is about (the whole list document, or each image of it).
 */
export const describedBy = defineCheckFactory(
  SERVED_SCHEMA_DESCRIBES.checkId,
  (served: Exchange, what: string, pick: (body: Record<string, unknown>) => unknown[]): Judge =>
    (entity) => {
      const body = successBody(entity);
      if (!body) return [unjudged(entity, SERVED_SCHEMA_DESCRIBES, `the ${what} to judge`)];
      const instances = pick(body);
      if (instances.length === 0) return [unjudged(entity, SERVED_SCHEMA_DESCRIBES, `any ${what}`)];
      const violations = servedValidator(served.response.body);
      if (typeof violations !== 'function')
        return [notApplicable(entity, SERVED_SCHEMA_DESCRIBES.checkId, `The schema ${served.request.url} served was not judged: ${violations.unreadable}.`)];
      const findings: Finding[] = [];
      for (const instance of instances) {
        const problems = violations(instance);
        if (problems.length === 0) continue;
        const id = (instance as { id?: unknown } | null)?.id;
        // The documents disagree on extension attributes: the OTC schema page types every undeclared one a string, the
        // attribute pages give some as booleans (`__system_support_market`). Only those breaches are an advisory.
        const advisory = problems.every((p) => p.undeclared);
        findings.push(
          effectFinding(
            entity,
            SERVED_SCHEMA_DESCRIBES,
            `${what} outside the served schema`,
            `${served.request.method} ${served.request.url} describes the ${what}, but ${id === undefined ? 'the answer' : `image ${show(id)}`} breaks it: ${problems
              .slice(0, 5)
              .map((p) => p.text)
              .join('; ')}${advisory ? ' (only attributes the schema types through additionalProperties, which the attribute pages type otherwise)' : ''}.`,
            advisory ? 'advisory' : undefined,
          ),
        );
      }
      return findings;
    },
);
