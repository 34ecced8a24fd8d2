/** The terminal colour codes the console output uses. */
export const SGR = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Colours a text, or leaves it plain when the output takes no colour. */
export type Paint = (code: string, text: string) => string;

/** Colour only when stdout is a terminal and NO_COLOR is not set: the caller decides `color`. */
export const painter =
  (color: boolean): Paint =>
  (code, text) =>
    color ? `${code}${text}${SGR.reset}` : text;
