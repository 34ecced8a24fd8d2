import type { ReportOperation, ReportResult, ReportStatus, RunReport } from '../../reports/report-model.js';
import { retotal } from '../../reports/build-report.js';
import { emptyTotals } from '../../reports/statuses.js';

/** Test data: small, schema-valid reports whose results can be shaped per test. */
export const OPS: ReportOperation[] = [
  {
    operationId: 'listImages',
    area: 'images',
    method: 'GET',
    path: '/v2/images',
    deprecated: false,
    actions: ['ims:images:list'],
    conditionalActions: [],
    scopes: { project: true, enterpriseProject: false },
    profiles: ['ims', 'openstack'],
  },
  {
    operationId: 'showImage',
    area: 'images',
    method: 'GET',
    path: '/v2/images/{image_id}',
    deprecated: false,
    actions: ['ims:images:get'],
    conditionalActions: [],
    scopes: { project: true, enterpriseProject: true },
    profiles: ['ims', 'openstack'],
  },
  {
    operationId: 'addImageMember',
    area: 'sharing',
    method: 'POST',
    path: '/v2/images/{image_id}/members',
    deprecated: false,
    actions: ['ims:images:share'],
    conditionalActions: ['ims:images:get'],
    scopes: { project: true, enterpriseProject: false },
    profiles: ['ims'],
  },
  {
    operationId: 'listImagesV11',
    area: 'deprecated-v1',
    method: 'GET',
    path: '/v1.1/images/detail',
    deprecated: true,
    actions: ['ims:images:list'],
    conditionalActions: [],
    scopes: { project: true, enterpriseProject: false },
    profiles: ['ims'],
  },
];

export function result(id: string, status: ReportStatus, message = '', extra: Partial<ReportResult> = {}): ReportResult {
  const [operationId = '', check = ''] = id.split('/');
  const op = OPS.find((o) => o.operationId === operationId) ?? OPS[0]!;
  const failing = status === 'failed' || status === 'error' || status === 'waived';
  const exchange = {
    request: { method: op.method, url: `https://ims.example.com${op.path}`, headers: { accept: 'application/json', 'x-auth-token': '***' } },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"images":[]}' },
    durationMs: 3,
  };
  return {
    id,
    operationId,
    method: op.method,
    path: op.path,
    area: op.area,
    check,
    status,
    message,
    ...(failing ? { hint: 'Answer as documented.', specRef: `#/paths/${op.path.replace(/\//g, '~1')}/${op.method.toLowerCase()}` } : {}),
    reproduce: `ims-conformance run --target <url> --config <file> --profile ims --seed 42 --only ${id}`,
    ...(failing ? { curl: `curl -i -X ${op.method} 'https://ims.example.com${op.path}' -H 'accept: application/json' -H 'x-auth-token: $X_AUTH_TOKEN'` } : {}),
    exchanges: status === 'skipped' ? [] : [exchange],
    findings: failing ? [{ title: 'wrong status for the scenario', message, hint: 'Answer as documented.', specRef: '#/paths/~1v2~1images/get' }] : [],
    ...(status === 'waived' ? { waiver: { reason: 'accepted' } } : {}),
    ...extra,
  };
}

export function report(results: ReportResult[], extra: Partial<RunReport> = {}): RunReport {
  return retotal({
    tool: { name: 'ims-conformance', version: '0.1.0' },
    target: 'https://ims.example.com',
    embedded: false,
    profile: 'ims',
    seed: 42,
    runs: 10,
    runId: 'imsc-0badcafe',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationMs: 12_345,
    verdict: 'passed',
    spec: { version: '1.0.0', hash: 'a'.repeat(64) },
    totals: emptyTotals(),
    operations: OPS,
    results,
    ...extra,
  });
}
