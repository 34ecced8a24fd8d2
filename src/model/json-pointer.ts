import { escapePathComponent, unescapePathComponent } from 'fast-json-patch';

/** The reference tokens of a JSON pointer (RFC 6901: `/a~1b/0` → `a/b`, `0`); `''` is the whole document. */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.replace(/^\//, '').split('/').map(unescapePathComponent);
}

/** The JSON pointer of a path of keys (`['paths', '/v2/images']` → `/paths/~1v2~1images`). */
export function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${escapePathComponent(s)}`).join('');
}

/** The value a JSON pointer names in `root`, or undefined where the path leaves the document. */
export function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const key of pointerSegments(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
