import { describeDocs } from '../src/spec/provenance.js';

/** Document ids as a report prints them: `title (url)`, an unknown id as itself (the spec audit forbids those). */
export function describeDocuments(ids: readonly string[]): string[] {
  return ids.map((id) => describeDocs([id]));
}
