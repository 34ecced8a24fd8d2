/** `a, b, c and 4 more`: long lists of principal names stay one readable line. */
export const listed = (names: readonly string[], max = 6): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
