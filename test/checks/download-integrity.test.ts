import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { levelOf } from '../../src/model/finding.js';
import { downloadedDataMatches } from '../../src/checks/rules/upload-effects.js';
import type { Exchange } from '../../src/model/exchange.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

const ctx = { validator: new SchemaValidator() };
let op: SpecOperation;
beforeAll(async () => {
  op = (await loadSpec()).probes.find((o) => o.roles.includes('image.download')) as SpecOperation;
});

const SENT = Buffer.from('ims-conformance lifecycle image\n'.repeat(4));
const md5 = createHash('md5').update(SENT).digest();
const download = (status: number, text: string, headers: Record<string, string> = {}): Exchange => ({
  operation: op,
  request: { method: 'GET', url: 'http://t/v2/images/x/file', headers: {} },
  response: { status, headers, body: text, text },
});
const judge = (exchange: Exchange) => downloadedDataMatches(SENT)(exchange, ctx);

describe('upload-integrity on the download of uploaded data', () => {
  it('passes the bytes sent, with Content-MD5 absent, in Glance’s hex or in RFC 1864’s base64', () => {
    expect(judge(download(200, SENT.toString()))).toEqual([]);
    expect(judge(download(200, SENT.toString(), { 'content-md5': md5.toString('hex') }))).toEqual([]);
    expect(judge(download(200, SENT.toString(), { 'content-md5': md5.toString('base64') }))).toEqual([]);
  });

  it('fails, citing the Glance download page, altered bytes, a wrong Content-MD5 and a 204 after the upload', () => {
    const altered = `X${SENT.toString().slice(1)}`;
    const [bytes] = judge(download(200, altered));
    expect(bytes).toMatchObject({ checkId: 'upload-integrity', documentedBy: ['glance-api-ref-download'] });
    expect(bytes?.message).toContain('first at byte 0');
    expect(judge(download(200, SENT.toString(), { 'content-md5': 'not-the-md5' })).map(levelOf)).toEqual(['failure']);
    expect(judge(download(204, '')).map(levelOf)).toEqual(['failure']);
  });

  it('leaves any other answer unjudged (a note, never a pass)', () => {
    expect(judge(download(403, '{}')).map(levelOf)).toEqual(['not-applicable']);
  });
});
