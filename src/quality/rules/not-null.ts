// Rule type `not_null`: the field must hold something other than empty or whitespace-only text.
// Does not check what the value is; pair it with range, allowed_values or regex for that.

import { z } from 'zod';
import { commonRuleShape, fieldName, isBlank } from './common.js';
import type { RuleDefinition } from './types.js';

const schema = z.strictObject({ ...commonRuleShape, type: z.literal('not_null'), field: fieldName });

/** Config of a `not_null` rule. */
export type NotNullRule = z.infer<typeof schema>;

/** Fails records whose field is missing, empty or whitespace only. */
export const notNullRule: RuleDefinition<NotNullRule> = {
  type: 'not_null',
  schema,
  columns: (rule) => [rule.field],
  subject: (rule) => rule.field,
  sql: (rule, ctx) => ({ failure: `CASE WHEN ${isBlank(ctx.column(rule.field))} THEN 'null' END` }),
  describe: () => 'Null value not allowed',
  problem: (rule) => `null ${rule.field}`,
};
