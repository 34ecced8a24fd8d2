/** Markdown building blocks for summary.md: every string from the endpoint goes through one of these. */

/** Plain text safe inside a paragraph or a table cell: one line, no markup, no HTML. */
export function mdText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** Inline code; backticks inside get a longer delimiter, pipes are escaped for table cells. */
export function mdCode(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const tick = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${tick}${pad}${flat.replace(/\|/g, '\\|')}${pad}${tick}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so no content can close it. */
export function mdFence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

export const table = (header: string[], rows: string[][], align?: string[]): string[] => [
  `| ${header.join(' | ')} |`,
  `|${(align ?? header.map(() => '---')).map((a) => a).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const anchor = (title: string): string =>
  `#${title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')}`;
