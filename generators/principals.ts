import type { SpecOperation } from '../src/model/operation.js';

/** Every action the spec's IAM facts name, unconditional and conditional. */
export function specActions(operations: readonly SpecOperation[]): string[] {
  return [...new Set(operations.flatMap((op) => [...op.iam.actions, ...op.iam.conditionalActions.map((c) => c.action)]))].sort();
}

/** A principal granted every spec action but one: the smallest grant the tables say must be denied somewhere. */
export interface LackingPrincipal {
  name: string;
  missing: string;
  actions: string[];
}

export const lackingName = (action: string): string => `lacks-${action.replace(/[^A-Za-z0-9]+/g, '-')}`;

export function lackingOneAction(operations: readonly SpecOperation[]): LackingPrincipal[] {
  const all = specActions(operations);
  return all.map((missing) => ({ name: lackingName(missing), missing, actions: all.filter((a) => a !== missing) }));
}
