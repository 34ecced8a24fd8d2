import { RESPONSE_CONFORMANCE_CHECKS } from '../../src/checks/conformance-checks.js';
import { levelOf } from '../../src/model/finding.js';
import type { Finding } from '../../src/model/finding.js';
import type { Exchange } from '../../src/model/exchange.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';
import { Router } from '../../mock/http/router.js';
import { startMock, type RunningMock, type StartMockOptions } from '../../mock/start-mock.js';

export interface CheckedMock extends RunningMock {
  /** Every way a response so far broke the spec (status, content type, body schema, headers). */
  violations(): string[];
  /** How many responses were checked. */
  checked(): number;
}

/**
 * A mock whose every response is validated against the spec with the suite's own response checks, so each
 * mock test also proves "responses conform to the spec's response schemas".
 */
export async function startCheckedMock(options: StartMockOptions = {}): Promise<CheckedMock> {
  const validator = new SchemaValidator();
  const findings: Finding[] = [];
  let count = 0;
  let router: Router | undefined;
  const mock = await startMock({
    ...options,
    observe: (request, wire) => {
      router ??= new Router([...mock.state.spec.operations, ...mock.state.spec.probes]);
      const match = router.match(request.method, new URL(request.url, 'http://x').pathname);
      if (match.kind !== 'operation') return;
      const text = wire.payload?.toString('utf8') ?? '';
      let body: unknown = text;
      try {
        if ((wire.headers['content-type'] ?? '').includes('json')) body = JSON.parse(text);
      } catch {
        /* leave the text: the schema check reports it */
      }
      const exchange: Exchange = {
        operation: match.operation,
        request: { method: request.method, url: request.url, headers: {} },
        response: { status: wire.status, headers: wire.headers, body, text },
      };
      count++;
      // A check with nothing to judge (a status without a body) leaves a note, not a violation.
      for (const check of RESPONSE_CONFORMANCE_CHECKS) findings.push(...check(exchange, { validator }).filter((f) => levelOf(f) !== 'not-applicable'));
    },
  });
  return Object.assign(mock, {
    violations: () => findings.map((f) => `${f.operationId} ${f.checkId}: ${f.message}`),
    checked: () => count,
  });
}
