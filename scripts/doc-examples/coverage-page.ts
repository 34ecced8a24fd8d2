import type { LoadedSpec } from '../../src/spec/load-spec.js';
import type { SchemaValidator } from '../../src/spec/schema-validator.js';
import type { DocExample } from './corpus.js';
import { judgeExample, type Verdict } from './judge.js';
import { judgeHeaders } from './judge-headers.js';
import { judgeParameters } from './judge-parameters.js';
import { PROFILE_DEPARTURES, UNDECLARED_QUERY_PARAMETERS } from './judgements.js';

/*
 * docs/documented-examples.md: per documented example its API, status, whether the contract covers it and how
 * the spec judges it under each profile. Generated (`npm run docs:examples`), held to the corpus by a test.
 */

export const PROFILES = ['ims', 'openstack'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** A request line's parameters, or a response's headers: absent where the example shows none to judge. */
export type PartVerdict =
  /** `judged`: what was held to the spec; `excused`: undeclared query parameters a judgement accepts, with why. */
  { verdict: 'valid'; judged: string[]; excused: { name: string; reason: string }[] } | { verdict: 'rejected'; judged: string[]; errors: string[] };

export interface JudgedExample {
  example: DocExample;
  /** The body (and a response's status), per profile where the operation applies; empty outside the contract. */
  verdicts: Partial<Record<ProfileName, Verdict>>;
  /** The request line's path and query parameters, per profile. */
  parameters: Partial<Record<ProfileName, PartVerdict>>;
  /** The headers a response example shows, per profile. */
  headers: Partial<Record<ProfileName, PartVerdict>>;
}

const part = (judged: string[], errors: string[], excused: { name: string; reason: string }[] = []): PartVerdict =>
  errors.length > 0 ? { verdict: 'rejected', judged, errors } : { verdict: 'valid', judged, excused };

export function judgeCorpus(corpus: DocExample[], specs: Record<ProfileName, LoadedSpec>, validator: SchemaValidator): JudgedExample[] {
  return corpus.map((example) => {
    const verdicts: Partial<Record<ProfileName, Verdict>> = {};
    const parameters: Partial<Record<ProfileName, PartVerdict>> = {};
    const headers: Partial<Record<ProfileName, PartVerdict>> = {};
    if (example.operationId !== undefined)
      for (const profile of PROFILES) {
        const op = specs[profile].operations.find((o) => o.operationId === example.operationId);
        if (!op?.profiles.includes(profile)) continue;
        const verdict = judgeExample(example, op, validator);
        const departure = PROFILE_DEPARTURES.find((d) => d.profile === profile && d.operationId === op.operationId && d.kind === example.kind);
        verdicts[profile] = departure && verdict.verdict === 'rejected' ? { verdict: 'departs', reason: departure.reason, errors: verdict.errors } : verdict;
        const params = judgeParameters(example, op, validator);
        if (params) {
          const excuse = (name: string) =>
            UNDECLARED_QUERY_PARAMETERS.find((u) => u.profile === profile && u.operationId === op.operationId && u.names.includes(name));
          const excused = params.problems.filter((p) => p.kind === 'undeclared' && excuse(p.name));
          parameters[profile] = part(
            params.judged,
            params.problems.filter((p) => !excused.includes(p)).map((p) => p.message),
            excused.map((p) => ({ name: p.name, reason: excuse(p.name)?.reason ?? '' })),
          );
        }
        const shown = judgeHeaders(example, op, validator);
        if (shown) headers[profile] = part(shown.judged, shown.problems);
      }
    return { example, verdicts, parameters, headers };
  });
}

const cell = (v: Verdict | undefined, docError: boolean): string => {
  if (v === undefined) return '–';
  if (v.verdict === 'valid') return 'valid';
  if (v.verdict === 'no-body') return 'no body';
  if (v.verdict === 'departs') return 'IMS only (the profile departs)';
  return docError ? 'rejected (doc error)' : `**rejected**: ${v.errors[0] ?? ''}`;
};

/** `valid: image_id, limit` (names, not values: the values are in the request line). */
const partCell = (v: PartVerdict | undefined, headers: boolean): string => {
  if (v === undefined) return '–';
  if (v.verdict === 'rejected') return `**rejected**: ${v.errors[0] ?? ''}`;
  const names = v.judged.map((j) => (headers ? (j.split(':')[0] ?? j) : j.replace(/^(path|query) /, '').replace(/=.*$/, '')));
  const excused = v.excused.map((x) => `${x.name} (undeclared, accepted: below)`);
  return `valid: ${[...names, ...excused].join(', ')}`;
};

/** One cell for both profiles when they agree, else each profile's. */
const perProfile = (verdicts: Partial<Record<ProfileName, PartVerdict>>, headers: boolean): string => {
  const cells = PROFILES.filter((p) => verdicts[p] !== undefined).map((p) => [p, partCell(verdicts[p], headers)] as const);
  if (cells.length === 0) return '–';
  if (cells.every(([, c]) => c === cells[0]?.[1])) return cells[0]?.[1] ?? '–';
  return cells.map(([p, c]) => `\`${p}\`: ${c}`).join('; ');
};

const blob = (e: DocExample): string => `https://github.com/${e.source.repo}/blob/${e.source.commit}/${e.source.file}#L${e.source.line}`;

const escapePipes = (s: string): string => s.replaceAll('|', '\\|');

export function coveragePage(judged: JudgedExample[]): string {
  const count = (f: (j: JudgedExample) => boolean): number => judged.filter(f).length;
  const inside = (j: JudgedExample): boolean => j.example.operationId !== undefined;
  const rejected = (j: JudgedExample): boolean => Object.values(j.verdicts).some((v) => v.verdict === 'rejected');
  const parts = (j: JudgedExample, which: 'parameters' | 'headers'): PartVerdict[] => Object.values(j[which]);
  const withPart = (which: 'parameters' | 'headers') => judged.filter((j) => parts(j, which).length > 0);
  const partRejected = (which: 'parameters' | 'headers') => withPart(which).filter((j) => parts(j, which).some((v) => v.verdict === 'rejected')).length;
  const judgedValues = (which: 'parameters' | 'headers', test: (s: string) => boolean): number =>
    withPart(which).reduce((n, j) => n + new Set(parts(j, which).flatMap((v) => v.judged.filter(test))).size, 0);
  const lines = [
    '# Documented examples held to the contract',
    '',
    '<!-- generated by `npm run docs:examples` from spec/sources/doc-examples.yaml; test/spec/documented-examples.test.ts fails when it drifts -->',
    '',
    'Every example request and response of the OTC IMS API reference (plus the ECS page of Nova createImage and the IAM',
    'pages of the token and version calls), as `spec/sources/doc-examples.yaml` records it, judged by the spec under each',
    'profile where its operation applies: a request body against the request schema, a response against its status',
    "and that status's body schema. Examples of APIs outside the contract are listed with the reason.",
    "A request line's parameters are held to the operation's parameters: each query parameter and each path segment where",
    "the path template has a variable, against that parameter's full schema (not `x-valid-subset`: what the suite accepts,",
    "not what it sends), the string first given the schema's type as a server would; a query parameter the operation does",
    'not declare is rejected unless a reasoned judgement below accepts it. A response example that shows headers is held',
    "to its status's documented headers: the required ones present, every documented one shown matching its schema.",
    '',
    `- ${judged.length} examples: ${count((j) => j.example.kind === 'request')} requests, ${count((j) => j.example.kind === 'response')} responses`,
    `- ${count(inside)} of operations in the contract, ${count((j) => !inside(j))} outside it`,
    `- ${count((j) => j.example.docError !== undefined)} documentation errors (reasons below)`,
    `- ${count((j) => inside(j) && Object.values(j.verdicts).some((v) => v.verdict === 'valid') && !rejected(j))} accepted under every profile that judged a body, ${count((j) => inside(j) && Object.values(j.verdicts).every((v) => v.verdict === 'no-body'))} without a body to judge, ${count((j) => inside(j) && rejected(j))} rejected`,
    `- ${withPart('parameters').length} request lines with parameters (${judgedValues('parameters', (s) => s.startsWith('query ') && !s.endsWith('(a placeholder)'))} query values, ${judgedValues('parameters', (s) => s.startsWith('path ') && !s.endsWith('(a placeholder)'))} path values, ${judgedValues('parameters', (s) => s.endsWith('(a placeholder)'))} placeholders): ${partRejected('parameters')} rejected`,
    `- ${withPart('headers').length} response examples that show documented headers (${judgedValues('headers', () => true)} header values): ${partRejected('headers')} rejected`,
    '',
    '| example | API | kind | status | operation | body: `ims` | body: `openstack` | parameters | headers |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { example: e, verdicts, parameters, headers } of judged) {
    const where = `[${e.source.file.split('/').pop()}:${e.source.line}](${blob(e)})`;
    const op = e.operationId !== undefined ? `\`${e.operationId}\`` : 'outside the contract';
    const docError = e.docError !== undefined;
    lines.push(
      `| ${where} | ${e.api ? `\`${e.api.method} ${e.api.path}\`` : '(any)'} | ${e.kind} | ${e.status ?? ''} | ${op} | ${escapePipes(cell(verdicts.ims, docError))} | ${escapePipes(cell(verdicts.openstack, docError))} | ${escapePipes(perProfile(parameters, false))} | ${escapePipes(perProfile(headers, true))} |`,
    );
  }
  const outside = [...new Set(judged.filter((j) => !inside(j)).map((j) => j.example.outside ?? ''))];
  lines.push('', '## Outside the contract', '', ...outside.map((r) => `- ${r}`));
  const departures = judged.flatMap((j) =>
    Object.entries(j.verdicts).flatMap(([profile, v]) => (v.verdict === 'departs' ? [`- \`${j.example.id}\` under \`${profile}\`: ${v.reason}`] : [])),
  );
  lines.push('', '## IMS-only examples a profile departs from', '', ...departures);
  // One line per judgement: the parameter, where the corpus sends it, and why it is accepted.
  const excused = new Map<string, string[]>();
  for (const j of judged)
    for (const profile of PROFILES) {
      const v = j.parameters[profile];
      if (v?.verdict !== 'valid') continue;
      for (const x of v.excused) {
        const key = `\`${x.name}\` on \`${j.example.operationId}\` under \`${profile}\`: ${x.reason}`;
        excused.set(key, [...(excused.get(key) ?? []), `\`${j.example.id}\``]);
      }
    }
  lines.push('', '## Undeclared query parameters accepted', '', ...[...excused].map(([why, ids]) => `- ${why} (${ids.join(', ')})`));
  const errors = judged.filter((j) => j.example.docError !== undefined);
  lines.push(
    '',
    '## Documentation errors',
    '',
    ...errors.map((j) => `- \`${j.example.id}\` (${j.example.kind} ${j.example.status ?? ''}): ${j.example.docError}`),
  );
  return `${lines.join('\n')}\n`;
}
