import type { Exchange } from '../model/exchange.js';
import { imsCodeOf } from '../spec/error-situations.js';
import type { RunContext } from './run-context.js';

/**
 * The status an answer reads as when the engine asks "is the image there?": a 400 carrying one of the IMS
 * "the image does not exist" codes of the error-situation table (`deleted-id`: IMG.0027, IMG.0144, IMG.0086, all
 * HTTP 400 in the IMS error table) says what Glance's 404 says. Every other answer reads as its status.
 */
export function lookupStatus(ctx: Pick<RunContext, 'spec'>, exchange: Exchange): number {
  const { status, body } = exchange.response;
  if (status !== 400) return status;
  const code = imsCodeOf(body);
  return code !== undefined && ctx.spec.situations.imsCodes('deleted-id').includes(code) ? 404 : status;
}
