import { finding, defineCheck } from './finding.js';

/** The response status is one the operation documents. */
export const statusDocumented = defineCheck('status-documented', (exchange) => {
  const { operation, response } = exchange;
  if (operation.statuses.includes(response.status)) return [];
  return [
    {
      documentedBy: operation.docs,
      ...finding(
        exchange,
        'status-documented',
        'undocumented status code',
        `Received ${response.status}; documented: ${operation.statuses.join(', ')}.`,
        `Answer ${exchange.request.method} ${operation.path} with one of the documented statuses.`,
        '/responses',
      ),
    },
  ];
});
