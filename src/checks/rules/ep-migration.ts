import { defineCheck, defineCheckFactory, type Check } from '../finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

export const EP_MIGRATED = {
  checkId: 'ep-migrated',
  hint: 'Move an image whose PATCH replaced /enterprise_project_id into that enterprise project: the answer and every later read show the new enterprise_project_id.',
} as const;

/**
 * The image in a 2xx answer belongs to the enterprise project a successful PATCH moved it to: the PATCH's own
 * answer (`when`: "in the PATCH answer") and the next read (`when`: "on the next GET").
 */
function makeInEnterpriseProject(enterpriseProjectId: string, when: string): Check {
  return defineCheck(EP_MIGRATED.checkId, (exchange) => {
    const body = successBody(exchange);
    if (!body) return [unjudged(exchange, EP_MIGRATED, 'an image')];
    if (body.enterprise_project_id === enterpriseProjectId) return [];
    return [
      effectFinding(
        exchange,
        EP_MIGRATED,
        'image not moved',
        `${when}, \`enterprise_project_id\` is ${show(body.enterprise_project_id)}; the PATCH that moved the image to ${show(enterpriseProjectId)} was answered with success.`,
      ),
    ];
  });
}
export const inEnterpriseProject = defineCheckFactory(EP_MIGRATED.checkId, makeInEnterpriseProject);
