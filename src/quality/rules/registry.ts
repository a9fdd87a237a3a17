// The rule types the engine knows, one line each; config.ts builds its schema from this list.
// Does not evaluate anything: evaluate.ts asks each definition for its SQL.

import { allowedValuesRule } from './allowed-values.js';
import { calculationRule } from './calculation.js';
import { dateFormatRule } from './date-format.js';
import { notNullRule } from './not-null.js';
import { rangeRule } from './range.js';
import { regexRule } from './regex.js';
import type { RuleDefinition } from './types.js';
import { uniqueRule } from './unique.js';

/** Every rule type, in the order documentation lists them. */
export const RULE_TYPES = [
  notNullRule,
  rangeRule,
  allowedValuesRule,
  dateFormatRule,
  calculationRule,
  uniqueRule,
  regexRule,
] as const;

/** A rule's config, whatever its type (a union discriminated by `type`). */
export type RuleConfig = ReturnType<(typeof RULE_TYPES)[number]['schema']['parse']>;

/** The definition for a rule's type. */
export function definitionOf(rule: RuleConfig): RuleDefinition<RuleConfig> {
  const definition = RULE_TYPES.find((candidate) => candidate.type === rule.type);
  if (!definition) throw new Error(`no rule type "${rule.type}" in the registry`);
  return definition as unknown as RuleDefinition<RuleConfig>;
}
