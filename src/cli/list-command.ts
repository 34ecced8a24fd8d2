import { loadSpec } from '../spec/load-spec.js';
import type { SpecOperation } from '../spec/operations.js';

const mark = (supported: boolean): string => (supported ? 'yes' : 'no');

function actionsOf(op: SpecOperation): string {
  const always = op.iam.actions;
  const conditional = op.iam.conditionalActions.map((c) => `${c.action} (only ${JSON.stringify(c.condition)})`);
  const all = [...always, ...conditional];
  return all.length > 0 ? all.join(', ') : '— (no action)';
}

/** Prints what the spec defines: each operation by area with its IAM facts. */
export async function listCommand(out: (line: string) => void): Promise<number> {
  const spec = await loadSpec();
  out(`spec ${spec.version} (sha256 ${spec.hash.slice(0, 12)}), ${spec.operations.length} operations`);
  const areas = [...new Set(spec.operations.map((op) => op.area))];
  for (const area of areas) {
    out('');
    out(`[${area}]`);
    for (const op of spec.operations.filter((o) => o.area === area)) {
      const flags = [op.deprecated ? 'deprecated' : '', op.authOptional ? 'auth optional' : '', op.authNone ? 'no auth' : ''].filter(Boolean).join(', ');
      out(`  ${op.operationId.padEnd(22)} ${op.method.toUpperCase().padEnd(6)} ${op.path}${flags ? `  (${flags})` : ''}`);
      out(`      statuses ${op.statuses.join(' ')} · project ${mark(op.iam.scopes.project)} · enterprise project ${mark(op.iam.scopes.enterpriseProject)}`);
      out(`      actions  ${actionsOf(op)}`);
    }
  }
  return 0;
}
