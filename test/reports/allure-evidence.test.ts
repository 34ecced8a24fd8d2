import type { CheckId } from '../../src/model/check-id.js';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/model/exchange.js';
import type { CheckOutcome } from '../../src/model/outcome.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { allureEvidence, severityOf, storyOf } from '../../src/suite/allure-evidence.js';

const SECRET = 'SECRET-PASSWORD-4b1d9e';
const TOKEN = 'MIItoken-not-in-the-config-but-redacted-as-a-header-0123456789';

async function operation() {
  const op = (await loadSpec()).operations.find((o) => o.operationId === 'showImage');
  if (!op) throw new Error('the spec has no showImage');
  return op;
}

function exchange(op: Exchange['operation']): Exchange {
  return {
    operation: op,
    // As the transport hands it over: the credential header already replaced; a config secret left in a body.
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:9/v2/images/1',
      headers: { accept: 'application/json', 'x-auth-token': '***' },
      body: { note: `password ${SECRET}` },
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-subject-token': TOKEN },
      body: {},
      text: `{"echo":"${SECRET}","html":"<img src=x onerror=alert(1)>"}`,
    },
    durationMs: 3,
  };
}

const outcome = (checkId: CheckId, status: CheckOutcome['status'], exchanges: Exchange[] = [], message = ''): CheckOutcome => ({
  checkId,
  status,
  message,
  findings:
    status === 'failed'
      ? [
          {
            checkId,
            operationId: 'showImage',
            title: 'deleted resource still answers',
            message: `${message} <script>x()</script>`,
            hint: 'answer 404',
            specRef: '#/paths/~1v2~1images~1{image_id}/get',
          },
        ]
      : [],
  exchanges,
});

describe('allure evidence of one suite test', () => {
  it('names the story by the first failing check, else the check the scenario is about (not a generic one)', () => {
    const scenario = { checks: ['status-documented', 'content-type', 'use-after-delete', 'status-expected'] as CheckId[] };
    expect(storyOf(scenario, [outcome('status-documented', 'passed'), outcome('use-after-delete', 'passed')])).toBe('use-after-delete');
    expect(storyOf(scenario, [outcome('content-type', 'error'), outcome('status-expected', 'failed')])).toBe('status-expected');
    expect(storyOf(scenario, [outcome('content-type', 'error'), outcome('status-expected', 'passed')])).toBe('content-type');
    expect(storyOf({ checks: ['status-documented'] }, [])).toBe('status-documented');
  });

  it('rates auth, IAM, isolation and 5xx checks critical, the rest normal', () => {
    for (const id of ['auth-missing', 'auth-invalid', 'iam-denied', 'iam-allowed', 'tenant-isolation', 'ep-isolation', 'no-server-error'])
      expect(severityOf(id), id).toBe('critical');
    for (const id of ['status-documented', 'response-schema', 'use-after-delete', 'unknown-id-404', 'pagination']) expect(severityOf(id), id).toBe('normal');
  });

  it('labels by area, operation and check, and attaches the failing exchanges and curl with no secret in them', async () => {
    const op = await operation();
    const failing = outcome('use-after-delete', 'failed', [exchange(op)], 'Expected 404; received 200');
    const e = allureEvidence(
      { operation: op, checks: ['status-documented', 'use-after-delete'] },
      [outcome('status-documented', 'passed', [exchange(op)]), failing],
      [SECRET],
      7,
    );
    expect(e).toMatchObject({
      epic: op.area,
      feature: 'showImage',
      story: 'use-after-delete',
      severity: 'normal',
      tags: ['status-documented', 'use-after-delete'],
    });
    // Only the failing check's exchanges are attached: the passing one adds nothing.
    expect(e.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['use-after-delete: exchanges', 'application/json'],
      ['use-after-delete: curl', 'text/plain'],
    ]);
    const all = JSON.stringify(e);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
    const [json, curl] = e.attachments;
    const exchanges = JSON.parse(json?.content ?? '') as { request: { headers: Record<string, string> }; response: { headers: Record<string, string> } }[];
    expect(exchanges[0]?.request.headers['x-auth-token']).toBe('***');
    expect(exchanges[0]?.response.headers['x-subject-token']).toBe('***');
    expect(curl?.content).toMatch(/^curl -i -X GET 'http:\/\/127\.0\.0\.1:9\/v2\/images\/1'/);
    expect(curl?.content).toContain('x-auth-token: $X_AUTH_TOKEN');
    // The description: what failed, what to fix, how to re-run; the target's text stays text.
    expect(e.description).toContain('### showImage/use-after-delete — failed');
    expect(e.description).toContain('re-run: `ims-conformance run --seed 7 --only showImage/use-after-delete`');
    expect(e.description).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(e.description).not.toContain('<script>');
  });

  it('has no description nor attachment for a passing test', async () => {
    const op = await operation();
    const e = allureEvidence({ operation: op, checks: ['auth-missing', 'status-documented'] }, [outcome('auth-missing', 'passed', [exchange(op)])], [], 1);
    expect(e).toMatchObject({ story: 'auth-missing', severity: 'critical', description: undefined, attachments: [] });
  });
});
