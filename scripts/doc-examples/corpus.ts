import type { Endpoint, SpecOperation } from '../../src/model/operation.js';
import { KNOWN_DOC_ERRORS, OUTSIDE_CONTRACT } from './judgements.js';
import type { GitTree } from './git-tree.js';
import { type Method, type PageApi, parseRstPage, type RstExample } from './rst-examples.js';

/*
 * The corpus of the vendor's documented examples (spec/sources/doc-examples.yaml): every example of the OTC IMS
 * API reference, plus the ECS page of Nova createImage and the IAM pages of the token and version calls, each with
 * its API, the contract operation it documents (or why none does), and where it was read.
 */

/** The docs repositories the corpus reads, and which of their pages. */
export const DOC_SOURCES = {
  ims: {
    repo: 'opentelekomcloud-docs/image-management-service',
    endpoint: 'image',
    pages: (files: string[]) => files.filter((f) => /^api-ref\/source\/.*\.rst$/.test(f)),
  },
  ecs: {
    repo: 'opentelekomcloud-docs/elastic-cloud-server',
    endpoint: 'compute',
    pages: () => ['api-ref/source/native_openstack_nova_apis/status_management/creating_an_image_using_an_ecs.rst'],
  },
  iam: {
    repo: 'opentelekomcloud-docs/identity-access-management',
    endpoint: 'iam',
    pages: () => [
      'api-ref/source/apis/token_management/obtaining_a_user_token_through_password_authentication.rst',
      'api-ref/source/apis/version_information_management/querying_information_about_keystone_api_version_3.0.rst',
      'api-ref/source/apis/version_information_management/querying_keystone_api_version_information.rst',
    ],
  },
} as const satisfies Record<string, { repo: string; endpoint: Endpoint; pages: (files: string[]) => string[] }>;
export type DocSource = keyof typeof DOC_SOURCES;

export interface DocExample {
  /** `<source>:<file below api-ref/source>:<line>`: stable while the page does not move. */
  id: string;
  source: { repo: string; commit: string; file: string; line: number };
  page: string;
  caption: string;
  kind: 'request' | 'response';
  /** Method and path as the page's URI section gives them (or the example's own URL); absent on a page of no one API. */
  api?: { method: Method; path: string };
  /** The example's request line, as written. */
  url?: string;
  /** The contract operation the example documents; absent when the API is outside the contract. */
  operationId?: string;
  /** Why no contract operation covers this API. */
  outside?: string;
  status?: number;
  headers?: Record<string, string>;
  /** The body, when it is valid JSON. */
  json?: unknown;
  /** The body as written, when it is not valid JSON. */
  raw?: string;
  /** A documentation error: the example cannot be held to the spec, and why. */
  docError?: string;
}

/** `/v2/images/{image_id}` matches `/v2/images/abc` and `/v2/images/{id}`; a literal segment only itself. */
export function pathMatches(template: string, path: string): boolean {
  const t = template.split('/');
  const p = path.split('/');
  return t.length === p.length && t.every((seg, i) => seg === p[i] || (/^\{.+\}$/.test(seg) && (p[i] ?? '') !== ''));
}

/** The path part of a request line: no scheme, host or query. */
export function urlPath(url: string): string {
  const noQuery = url.split('?')[0] ?? '';
  const m = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(noQuery);
  return m ? (m[1] ?? '/') : noQuery;
}

function findOperation(operations: SpecOperation[], endpoint: Endpoint, method: Method, path: string): SpecOperation | undefined {
  return operations.find((op) => op.endpoint === endpoint && op.method.toUpperCase() === method && pathMatches(op.path, path));
}

/** The APIs an example may document: its request lines as the page's URI section names them, else the page's. */
function apisOf(example: RstExample, apis: PageApi[]): PageApi[] {
  const { method } = example;
  if (example.kind === 'request' && method && example.url)
    return [example.url, ...(example.alsoUrls ?? [])].map((url) => {
      const path = urlPath(url);
      return apis.find((a) => a.method === method && pathMatches(a.path, path)) ?? { method, path };
    });
  return apis;
}

function parseBody(text: string): { json?: unknown; raw?: string; error?: string } {
  if (text === '') return {};
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (e) {
    return { raw: text, error: (e as Error).message };
  }
}

export function examplesOfPage(source: DocSource, tree: GitTree, file: string, operations: SpecOperation[]): DocExample[] {
  const { repo, endpoint } = DOC_SOURCES[source];
  const page = parseRstPage(tree.read(file));
  const short = file.replace(/^api-ref\/source\//, '');
  return page.examples.map((example) => {
    // A page may give the same call on two paths (Nova's v2 and v2.1): the one the contract has names the operation.
    const candidates = apisOf(example, page.apis);
    const op = candidates.map((a) => findOperation(operations, endpoint, a.method, a.path)).find((o) => o !== undefined);
    const api = (op ? candidates.find((a) => findOperation([op], endpoint, a.method, a.path)) : undefined) ?? candidates[0];
    const id = `${source}:${short}:${example.line}`;
    const outside = op ? undefined : OUTSIDE_CONTRACT.find((o) => o.source === source && o.match(short, api))?.reason;
    if (!op && outside === undefined)
      throw new Error(`${id}: ${api ? `${api.method} ${api.path}` : 'a page with no URI'} matches no contract operation and no entry of OUTSIDE_CONTRACT`);
    const body = parseBody(example.bodyText);
    const known = KNOWN_DOC_ERRORS.find(
      (k) => k.source === source && k.file === short && k.kind === example.kind && (k.status === undefined || k.status === example.status),
    );
    const docError = body.error !== undefined ? `not valid JSON (${body.error})${known ? `: ${known.reason}` : ''}` : known?.reason;
    return {
      id,
      source: { repo, commit: tree.commit, file, line: example.line },
      page: page.title,
      caption: example.caption,
      kind: example.kind,
      ...(api ? { api: { method: api.method, path: api.path } } : {}),
      ...(example.url !== undefined ? { url: `${example.method} ${example.url}` } : {}),
      ...(op ? { operationId: op.operationId } : { outside }),
      ...(example.status !== undefined ? { status: example.status } : {}),
      ...(Object.keys(example.headers).length > 0 ? { headers: example.headers } : {}),
      ...(body.json !== undefined ? { json: body.json } : {}),
      ...(body.raw !== undefined ? { raw: body.raw } : {}),
      ...(docError !== undefined ? { docError } : {}),
    };
  });
}

export function buildCorpus(trees: Record<DocSource, GitTree>, operations: SpecOperation[]): DocExample[] {
  const all: DocExample[] = [];
  for (const source of Object.keys(DOC_SOURCES) as DocSource[]) {
    const tree = trees[source];
    for (const file of DOC_SOURCES[source].pages(tree.files)) {
      if (!tree.files.includes(file)) throw new Error(`${DOC_SOURCES[source].repo}@${tree.commit} has no ${file}`);
      all.push(...examplesOfPage(source, tree, file, operations));
    }
  }
  return all;
}
