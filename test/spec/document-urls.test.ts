import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../../src/spec/package-root.js';

/*
 * Reports print a document's URL beside every failure it backs, so a moved page is a broken citation. The OTC docs
 * repositories' page lists are recorded (spec/sources/docs-files.yaml, with the commit; `npm run docs:examples`
 * refreshes them): every documents.yaml URL into one of them must name a page the recorded list has.
 */
const root = packageRoot();
const documents = (parse(readFileSync(join(root, 'spec/sources/documents.yaml'), 'utf8')) as { documents: Record<string, { url: string }> }).documents;
const recorded = (
  parse(readFileSync(join(root, 'spec/sources/docs-files.yaml'), 'utf8')) as { repositories: Record<string, { commit: string; files: string[] }> }
).repositories;
const GITHUB_BLOB = /^https:\/\/github\.com\/(opentelekomcloud-docs\/[^/]+)\/blob\/main\/(.+)$/;

/** The documents.yaml URLs that name a page of a recorded repository but not one it has. */
function brokenUrls(docs: Record<string, { url: string }>): string[] {
  return Object.entries(docs).flatMap(([id, { url }]) => {
    const m = GITHUB_BLOB.exec(url);
    if (!m) return [];
    const repo = recorded[m[1] as string];
    if (!repo) return [`${id}: ${m[1]} is not a recorded docs repository (add it to scripts/doc-examples/corpus.ts)`];
    return repo.files.includes(m[2] as string) ? [] : [`${id}: ${m[2]} is not in ${m[1]}@${repo.commit.slice(0, 12)}`];
  });
}

describe('the OTC URLs of spec/sources/documents.yaml', () => {
  it('each name a page the docs repository has at the recorded commit', () => {
    const otc = Object.values(documents).filter((d) => GITHUB_BLOB.test(d.url));
    expect(otc.length).toBeGreaterThan(30);
    expect(brokenUrls(documents)).toEqual([]);
  });

  it('catch a page renamed away (the member pages before January 2024)', () => {
    const old =
      'https://github.com/opentelekomcloud-docs/image-management-service/blob/main/api-ref/source/ims_apis/image_sharing/adding_image_members_in_batches.rst';
    expect(brokenUrls({ moved: { url: old } })).toEqual([
      expect.stringContaining('moved: api-ref/source/ims_apis/image_sharing/adding_image_members_in_batches.rst'),
    ]);
  });
});
