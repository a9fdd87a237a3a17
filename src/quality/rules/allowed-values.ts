// Rule type `allowed_values`: the field must be one of a list, compared exactly (or ignoring case when
// `case_sensitive` is false). Does not trim values: ` completed` is not `completed`.

import { z } from 'zod';
import { commonRuleShape, fieldName, isBlank } from './common.js';
import type { RuleDefinition } from './types.js';

const schema = z.strictObject({
  ...commonRuleShape,
  type: z.literal('allowed_values'),
  field: fieldName,
  values: z
    .array(z.union([z.string(), z.number()]).transform(String))
    .min(1, 'list at least one allowed value'),
  case_sensitive: z.boolean().default(true),
});

/** Config of an `allowed_values` rule. */
export type AllowedValuesRule = z.infer<typeof schema>;

/** Fails blank values and values not in the list. */
export const allowedValuesRule: RuleDefinition<AllowedValuesRule> = {
  type: 'allowed_values',
  schema,
  columns: (rule) => [rule.field],
  subject: (rule) => rule.field,
  sql: (rule, ctx) => {
    const column = ctx.column(rule.field);
    const fold = (sql: string) => (rule.case_sensitive ? sql : `lower(${sql})`);
    const list = rule.values.map((value) => fold(ctx.param(value))).join(', ');
    return {
      failure: `CASE WHEN ${isBlank(column)} THEN 'missing' WHEN ${fold(column)} NOT IN (${list}) THEN 'value' END`,
    };
  },
  describe: (_rule, code) => (code === 'missing' ? 'Missing value' : 'Value not in allowed list'),
  problem: (rule) => `${rule.field} values outside the allowed list`,
};
