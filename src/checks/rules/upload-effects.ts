import { createHash } from 'node:crypto';
import type { Check } from '../finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

export const UPLOAD_INTEGRITY = {
  checkId: 'upload-integrity',
  documents: ['glance-api-ref-data', 'glance-image-schema', 'glance-observed'],
  hint: 'Record the uploaded data as it was sent: `size` is its length in bytes, `checksum` its MD5, `os_hash_value` its `os_hash_algo` digest.',
} as const;

export const UPLOAD_CONFLICT = {
  checkId: 'upload-conflict',
  documents: ['glance-api-ref-data', 'glance-observed', 'otc-native-upload-image'],
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
  return (exchange) => {
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
  };
}

/** A second upload into an image that is no longer queued answers 409. */
export const reuploadRefused: Check = (exchange) => {
  const { status } = exchange.response;
  if (status === 409) return [];
  return [effectFinding(exchange, UPLOAD_CONFLICT, 'upload into a non-queued image', `Expected 409 for an upload into an active image; received ${status}.`)];
};
