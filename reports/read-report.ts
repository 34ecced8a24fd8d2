import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv, describeErrors } from '../src/spec/schema-validator.js';
import type { RunReport } from './report-model.js';
import summarySchema from './summary.schema.json' with { type: 'json' };

/** The JSON Schema of summary.json (2020-12), as shipped in the package. */
export const SUMMARY_SCHEMA: object = summarySchema;

let compiled: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Validates a parsed summary.json against the shipped schema; errors are one line each. */
export function validateReport(value: unknown): { valid: boolean; errors: string[] } {
  compiled ??= createAjv().compile(SUMMARY_SCHEMA);
  const valid = compiled(value) as boolean;
  return { valid, errors: valid ? [] : describeErrors(compiled.errors) };
}

/** A saved report that cannot be used: the message is one line naming the file and the first problem. */
export class ReportFileError extends Error {}

/** `dir` or `dir/summary.json` → the summary.json path. */
export function summaryPath(dirOrFile: string): string {
  return existsSync(dirOrFile) && statSync(dirOrFile).isDirectory() ? join(dirOrFile, 'summary.json') : dirOrFile;
}

/** Reads and parses a JSON file; a missing or unparsable file is a ReportFileError. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportFileError(
      code === 'ENOENT' ? `${file}: not found (give a report directory or its summary.json)` : `${file}: cannot read it (${code ?? (error as Error).message})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReportFileError(`${file}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

/** Reads a saved summary.json (or the one in a report directory) and checks it against the schema. */
export function readReport(dirOrFile: string): { file: string; report: RunReport } {
  const file = summaryPath(dirOrFile);
  const value = readJsonFile(file);
  const verdict = validateReport(value);
  if (!verdict.valid) {
    const more = verdict.errors.length > 1 ? ` (+${verdict.errors.length - 1} more)` : '';
    throw new ReportFileError(`${file}: not an ims-conformance summary.json: ${verdict.errors[0]}${more}`);
  }
  return { file, report: value as RunReport };
}
