/*
 * Reads the examples out of one API reference page (reStructuredText as the OTC docs repositories write it).
 * The pages follow no single template: a request is a literal block starting `METHOD URL` (or a curl line, or a
 * bare body under an "Example request" heading), a response a `STATUS CODE 200` / `HTTP/1.1 200` block followed by
 * a literal block with its headers and body, or a bare body under an "Example response" heading (the page's normal
 * status then). A `METHOD /path?query` line in running text (the "Common Query Methods" of the list pages) is a
 * request example too: a documented query with no body. Pure: text in, examples out, so tests can feed it an
 * inline page.
 */

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type Method = (typeof METHODS)[number];

export interface PageApi {
  method: Method;
  /** As the page's URI section writes it, e.g. `/v2/images/{image_id}`. */
  path: string;
}

export interface RstExample {
  kind: 'request' | 'response';
  /** 1-based line of the literal block that holds the body (or the request line when there is none). */
  line: number;
  /** The request's method and URL as the example writes them (requests only). */
  method?: Method;
  url?: string;
  /** Further request lines of the same example (the same call on another path, e.g. Nova's v2 and v2.1). */
  alsoUrls?: string[];
  /** Responses: the status the example shows, else the page's normal status. */
  status?: number;
  headers: Record<string, string>;
  /** The body as written, '' when the example has none. */
  bodyText: string;
  /** The lead-in sentence the page gives the example (which case it shows). */
  caption: string;
}

export interface RstPage {
  title: string;
  apis: PageApi[];
  /** The first 2xx/3xx the page lists as its normal answer. */
  normalStatus?: number;
  examples: RstExample[];
}

interface Block {
  /** 1-based line of the directive (or of the `::` paragraph). */
  at: number;
  /** 1-based line of the first content line. */
  first: number;
  lines: string[];
}

const METHOD_LINE = new RegExp(`^(${METHODS.join('|')})\\s+(\\S+)\\s*$`);
const STATUS_LINE = /^(?:STATUS CODE\s+|HTTP\/1\.[01]\s+)?(\d{3})(?:\s+[A-Za-z][A-Za-z ]*)?$/;
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$/;
const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Literal blocks: `.. code-block::` directives and paragraphs ending in `::` (notes are read through). */
function literalBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    const isCode = /^\.\. code-block::/.test(trimmed);
    const isLiteral = !trimmed.startsWith('..') && !/^[|+=]/.test(trimmed) && trimmed.endsWith('::');
    if (!isCode && !isLiteral) continue;
    const indent = indentOf(line);
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const start = j;
    while (j < lines.length && ((lines[j] ?? '').trim() === '' || indentOf(lines[j] ?? '') > indent)) j++;
    const body = lines.slice(start, j);
    while (body.length > 0 && (body[body.length - 1] ?? '').trim() === '') body.pop();
    if (body.length === 0) continue;
    const cut = Math.min(...body.filter((l) => l.trim() !== '').map(indentOf));
    blocks.push({ at: i + 1, first: start + 1, lines: body.map((l) => l.slice(cut)) });
    i = j - 1;
  }
  return blocks;
}

const BARE_REQUEST_LINE = /^\s*(?:-\s+)?(GET|POST|PUT|PATCH|DELETE|HEAD)\s+(\/\S*)\s*$/;

/** The `METHOD /path` lines of the page's URI section(s); a line with a query is an example, not the URI. */
function pageApis(lines: string[]): PageApi[] {
  const apis: PageApi[] = [];
  for (const line of lines) {
    const m = BARE_REQUEST_LINE.exec(line);
    if (m && !(m[2] as string).includes('?')) apis.push({ method: m[1] as Method, path: m[2] as string });
  }
  return apis;
}

/** `METHOD /path?query` lines outside literal blocks: queries the page shows in running text. */
function queryLines(lines: string[], blocks: Block[]): RstExample[] {
  const inBlock = (n: number): boolean => blocks.some((b) => n >= b.first && n < b.first + b.lines.length);
  const examples: RstExample[] = [];
  lines.forEach((line, i) => {
    const m = BARE_REQUEST_LINE.exec(line);
    if (!m || !(m[2] as string).includes('?') || inBlock(i + 1)) return;
    examples.push({ kind: 'request', line: i + 1, method: m[1] as Method, url: m[2] as string, headers: {}, bodyText: '', caption: captionAbove(lines, i) });
  });
  return examples;
}

/** "Normal" returned value, or the first 2xx/3xx row of a "Status Code" table. */
function normalStatus(text: string): number | undefined {
  const normal = /-\s+Normal\s*\n\s*\n\s*(\d{3})/.exec(text);
  if (normal) return Number(normal[1]);
  const table = /Status Code[\s\S]*?\n\s*([23]\d\d)\s/.exec(text);
  return table ? Number(table[1]) : undefined;
}

/** The heading or bullet nearest above a block that says whether it is a request or a response. */
function sideAbove(lines: string[], before: number): 'request' | 'response' | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const m = /(example\s+(request|response)|(request|response)\s+example)/i.exec(lines[i] ?? '');
    if (m) return (m[2] ?? m[3] ?? '').toLowerCase() as 'request' | 'response';
  }
  return undefined;
}

/** The last prose line above a block: the case the example shows. */
function captionAbove(lines: string[], before: number): string {
  for (let i = before - 1; i >= 0; i--) {
    const t = (lines[i] ?? '').trim();
    if (t === '' || /^[-=~^]+$/.test(t) || t.startsWith('.. ') || t === '::') continue;
    if (/^(\{|\}|\]|\[)/.test(t) || /^[|+]/.test(t)) return '';
    return t.replace(/^-\s+/, '');
  }
  return '';
}

/** Splits a literal block's lines into header lines and the body (from the first `{` / `[` line on). */
function headersAndBody(lines: string[]): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  const start = lines.findIndex((l) => /^\s*[[{]/.test(l));
  const head = start === -1 ? lines : lines.slice(0, start);
  for (const l of head) {
    const m = HEADER_LINE.exec(l.trim());
    if (m && !/\s/.test(m[1] as string) && (m[2] as string) !== '') headers[m[1] as string] = m[2] as string;
  }
  return { headers, body: start === -1 ? '' : lines.slice(start).join('\n').trim() };
}

function curlRequest(line: string): { method: Method; url: string; body: string } | undefined {
  if (!/^curl\s/.test(line)) return undefined;
  const url = /(https?:\/\/[^\s'"]+)/.exec(line)?.[1] ?? '';
  const explicit = /-X\s+([A-Z]+)/.exec(line)?.[1];
  const method = (explicit ?? (/\s-T\s/.test(line) ? 'PUT' : /\s(-d|--data)\s/.test(line) ? 'POST' : 'GET')) as Method;
  const body = /\s(?:-d|--data)\s+'([^']*)'/.exec(line)?.[1] ?? '';
  return { method, url, body };
}

export function parseRstPage(text: string): RstPage {
  const lines = text.split('\n');
  const title = lines.find((l, i) => /^=+$/.test(lines[i + 1] ?? '') && l.trim() !== '')?.trim() ?? '';
  const page: RstPage = { title, apis: pageApis(lines), normalStatus: normalStatus(text), examples: [] };
  const blocks = literalBlocks(lines);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as Block;
    const content = block.lines;
    const head = (content[0] ?? '').trim();
    const caption = captionAbove(lines, block.at - 1);
    const request = METHOD_LINE.exec(head);
    if (request) {
      // More request lines may follow: the same call on another version's path.
      let k = 1;
      while (k < content.length && METHOD_LINE.test((content[k] ?? '').trim())) k++;
      const { headers, body } = headersAndBody(content.slice(k));
      const alsoUrls = content.slice(1, k).map((l) => METHOD_LINE.exec(l.trim())?.[2] as string);
      page.examples.push({
        kind: 'request',
        line: block.first,
        method: request[1] as Method,
        url: request[2] as string,
        ...(alsoUrls.length > 0 ? { alsoUrls } : {}),
        headers,
        bodyText: body,
        caption,
      });
      continue;
    }
    const curl = curlRequest(head);
    if (curl) {
      page.examples.push({ kind: 'request', line: block.first, method: curl.method, url: curl.url, headers: {}, bodyText: curl.body, caption });
      continue;
    }
    const status = STATUS_LINE.exec(head);
    if (status) {
      // A status block alone: its headers and body are the literal block right after it, unless that is a new example.
      let rest = content.slice(1);
      let line = block.first;
      const next = blocks[b + 1];
      if (rest.every((l) => l.trim() === '') && next && next.at - (block.first + content.length) <= 3) {
        const nextHead = (next.lines[0] ?? '').trim();
        if (!METHOD_LINE.test(nextHead) && !STATUS_LINE.test(nextHead) && !curlRequest(nextHead)) {
          rest = next.lines;
          line = next.first;
          b++;
        }
      }
      const { headers, body } = headersAndBody(rest);
      page.examples.push({ kind: 'response', line, status: Number(status[1]), headers, bodyText: body, caption });
      continue;
    }
    const side = sideAbove(lines, block.at - 1);
    if (side === undefined) continue;
    const { headers, body } = headersAndBody(content);
    if (body === '' && Object.keys(headers).length === 0) continue;
    page.examples.push({
      kind: side,
      line: block.first,
      ...(side === 'response' && page.normalStatus !== undefined ? { status: page.normalStatus } : {}),
      headers,
      bodyText: body,
      caption,
    });
  }
  page.examples.push(...queryLines(lines, blocks));
  page.examples.sort((a, b) => a.line - b.line);
  return page;
}
