import { createHash } from 'node:crypto';
import { defineCheck, type Check } from '../finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

export const UPLOAD_INTEGRITY = {
  checkId: 'upload-integrity',
  hint: 'Record the uploaded data as it was sent: `size` is its length in bytes, `checksum` its MD5, `os_hash_value` its `os_hash_algo` digest.',
} as const;

export const UPLOAD_CONFLICT = {
  checkId: 'upload-conflict',
  hint: 'Accept image data only for a queued image: a second upload answers 409 and leaves the stored data as it was.',
} as const;

/**
 * IMS documents `size` and `checksum` as "not used" (otc-image-attributes): on the `ims` profile a value that
 * does not match the bytes is the spec's reading breached, an advisory; Glance documents both (a failure).
 */
export interface UploadedData {
  bytes: Buffer;
  /** Glance's reading holds (the openstack profile): a missing or wrong value fails. */
  strict: boolean;
}

const digest = (algo: string, bytes: Buffer): string | undefined => {
  try {
    return createHash(algo).update(bytes).digest('hex');
  } catch {
    return undefined; // an algorithm Node does not know: nothing to compare
  }
};

/** The image read after an upload shows the size and digests of the bytes sent. */
export function uploadedDataMatches(data: UploadedData): Check {
  return defineCheck(UPLOAD_INTEGRITY.checkId, (exchange) => {
    const body = successBody(exchange);
    if (!body) return [unjudged(exchange, UPLOAD_INTEGRITY, 'an image')];
    const expected: [string, unknown][] = [
      ['size', data.bytes.length],
      ['checksum', digest('md5', data.bytes)],
    ];
    if (typeof body.os_hash_algo === 'string') expected.push(['os_hash_value', digest(body.os_hash_algo, data.bytes)]);
    const level = data.strict ? undefined : 'advisory';
    return expected
      .filter(([key, value]) => value !== undefined && body[key] !== value && (data.strict || (body[key] !== null && body[key] !== undefined)))
      .map(([key, value]) =>
        effectFinding(
          exchange,
          UPLOAD_INTEGRITY,
          'uploaded data misrecorded',
          `After uploading ${data.bytes.length} bytes, \`${key}\` is ${show(body[key])}; the bytes sent give ${show(value)}.${data.strict ? '' : ' (IMS documents this attribute as "not used": advisory)'}`,
          level,
        ),
      );
  });
}

/**
 * The download of uploaded data (`upload-integrity` too): Glance documents that GET /v2/images/{id}/file answers
 * 200 with the image's data, so the bytes that come back are the bytes sent — on both profiles a failure, since
 * IMS's "not used" covers the `size` and `checksum` attributes, not the data, and no document gives the data
 * another reading. Only 200 and 204 (no data) are judged; any other answer leaves a note.
 */
export const DOWNLOAD_INTEGRITY = {
  checkId: 'upload-integrity',
  hint: 'Serve the uploaded data unchanged from GET /v2/images/{image_id}/file, with Content-MD5 the MD5 of those bytes.',
} as const;

/**
 * `Content-MD5` as Glance sends it (the hex `checksum`) or as RFC 1864 defines it (base64 of the digest): the
 * documents differ, so either reading of the header is accepted.
 */
function md5Readings(bytes: Buffer): string[] {
  const md5 = createHash('md5').update(bytes).digest();
  return [md5.toString('hex'), md5.toString('base64')];
}

/**
 * The owner's download after an upload returns the bytes sent. The transport keeps a response as UTF-8 text,
 * so the comparison is byte-exact for the ASCII data the lifecycle uploads (other bytes would compare lossily).
 */
export function downloadedDataMatches(sent: Buffer): Check {
  return defineCheck(DOWNLOAD_INTEGRITY.checkId, (exchange) => {
    const { status, text, headers } = exchange.response;
    // The download's own page states what it returns: cited before the whole check's documents (the catalogue's).
    const page = exchange.operation.docs;
    const fail = (message: string) => {
      const found = effectFinding(exchange, DOWNLOAD_INTEGRITY, 'downloaded data differs from the upload', message);
      return [page.length > 0 ? { ...found, documentedBy: [...page] } : found];
    };
    if (status === 204) return fail(`After uploading ${sent.length} bytes, the download answered 204 (no data).`);
    if (status !== 200) return [unjudged(exchange, DOWNLOAD_INTEGRITY, 'the image data')];
    const received = Buffer.from(text, 'utf8');
    if (!received.equals(sent))
      return fail(
        `After uploading ${sent.length} bytes, the download returned ${received.length} bytes that differ from them${firstDifference(sent, received)}.`,
      );
    const md5 = headers['content-md5'];
    if (md5 !== undefined && !md5Readings(sent).includes(md5.trim()))
      return fail(
        `The download's Content-MD5 is ${show(md5)}; the bytes sent give ${show(md5Readings(sent)[0])} (hex) or ${show(md5Readings(sent)[1])} (base64).`,
      );
    return [];
  });
}

const firstDifference = (a: Buffer, b: Buffer): string => {
  const at = [...a].findIndex((byte, i) => b[i] !== byte);
  return at < 0 ? '' : ` (first at byte ${at})`;
};

/** A second upload into an image that is no longer queued answers 409. */
export const reuploadRefused = defineCheck(UPLOAD_CONFLICT.checkId, (exchange) => {
  const { status } = exchange.response;
  if (status === 409) return [];
  return [effectFinding(exchange, UPLOAD_CONFLICT, 'upload into a non-queued image', `Expected 409 for an upload into an active image; received ${status}.`)];
});
