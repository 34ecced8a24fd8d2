import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../src/spec/package-root.js';
import type { RowScopes } from './policy-document.js';

/**
 * What the mock requires per call, read from spec/sources/permissions.yaml (the seed permission tables,
 * transcribed independently of the spec) rather than from the spec's `x-iam-*` facts: the suite predicts
 * decisions from the spec, the mock makes them from the tables, and the traceability test holds the two equal.
 */
export interface PermissionRule {
  actions: string[];
  /** Actions needed only when the request is of a kind the table's 仅…需要 qualifier names. */
  conditional: { action: string; applies: (body: unknown) => boolean }[];
  scopes: RowScopes;
}

interface TableRow {
  method: string;
  path: string;
  actions: string[];
  conditionalActions?: { action: string; when: string }[];
  scopes: RowScopes;
}

const field = (body: unknown, name: string): unknown =>
  body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;

/** A JSON-patch body with an operation on `path` (either Glance dialect). */
const patchTouches = (body: unknown, path: string): boolean =>
  Array.isArray(body) && body.some((op: unknown) => ['path', 'add', 'replace', 'remove'].some((k) => field(op, k) === path));

/**
 * The tables' 仅…需要 ("only needed when …") qualifiers, judged from the request body. A qualifier the mock
 * cannot judge stops it from starting: it would otherwise authorize by guesswork.
 */
const QUALIFIERS: { when: string; applies: (body: unknown) => boolean }[] = [
  // Enterprise-project migration: the patch moves the image to another enterprise project.
  { when: '仅企业项目迁移需要', applies: (body) => patchTouches(body, '/enterprise_project_id') },
  // Quick import: a data-disk image is `type: DataImage`; everything else is a system-disk image.
  { when: '仅快速导入系统盘镜像需要', applies: (body) => field(body, 'type') !== 'DataImage' },
  { when: '仅快速导入数据盘镜像需要', applies: (body) => field(body, 'type') === 'DataImage' },
  // Glance's publicize_image (spec/sources/glance-policy.yaml): a new image that is to be public.
  { when: 'only when the new image is to be public', applies: (body) => field(body, 'visibility') === 'public' },
];

const key = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/**
 * The served profile's own policy source, whose rows replace the tables' for the same call: the openstack profile
 * authorizes as Glance's shipped default policy does (spec/sources/glance-policy.yaml).
 */
export const PROFILE_POLICY_SOURCES: Readonly<Record<string, string>> = { openstack: join(packageRoot(), 'spec', 'sources', 'glance-policy.yaml') };

/** The appendix rows of calls outside the seed tables (the Image Schema calls: not at enterprise-project scope). */
export const PERMISSION_APPENDIX = join(packageRoot(), 'spec', 'sources', 'permission-appendix.yaml');

export function loadPermissionRules(path = join(packageRoot(), 'spec', 'sources', 'permissions.yaml'), overlay?: string): Map<string, PermissionRule> {
  const rowsOf = (file: string): TableRow[] => (parse(readFileSync(file, 'utf8')) as { rows: TableRow[] }).rows;
  const rules = new Map<string, PermissionRule>();
  for (const row of [...rowsOf(path), ...rowsOf(PERMISSION_APPENDIX), ...(overlay ? rowsOf(overlay) : [])]) {
    const conditional = (row.conditionalActions ?? []).map(({ action, when }) => {
      const qualifier = QUALIFIERS.find((q) => when.startsWith(q.when));
      if (!qualifier) throw new Error(`permission table row ${key(row.method, row.path)}: cannot judge when "${when}" applies`);
      return { action, applies: qualifier.applies };
    });
    rules.set(key(row.method, row.path), { actions: row.actions, conditional, scopes: row.scopes });
  }
  return rules;
}

/** The rule for one call; calls no table lists (the job query) need a valid credential and no action. */
export function ruleFor(rules: Map<string, PermissionRule>, method: string, path: string): PermissionRule {
  return rules.get(key(method, path)) ?? { actions: [], conditional: [], scopes: { project: true, enterpriseProject: true } };
}

/** Every action the request needs: the row's own, plus each conditional one whose qualifier holds. */
export function neededActions(rule: PermissionRule, body: unknown): string[] {
  return [...new Set([...rule.actions, ...rule.conditional.filter((c) => c.applies(body)).map((c) => c.action)])];
}
