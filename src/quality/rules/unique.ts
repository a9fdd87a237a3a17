// Rule type `unique`: no two records may share a value in the field; every record holding a repeated
// value fails. Blank values are not compared (a missing value is no duplicate); use not_null for them.

import { z } from 'zod';
import { commonRuleShape, fieldName, isBlank } from './common.js';
import type { RuleDefinition } from './types.js';

const schema = z.strictObject({ ...commonRuleShape, type: z.literal('unique'), field: fieldName });

/** Config of a `unique` rule. */
export type UniqueRule = z.infer<typeof schema>;

/** Fails each record whose non-blank value appears more than once in the file. */
export const uniqueRule: RuleDefinition<UniqueRule> = {
  type: 'unique',
  schema,
  columns: (rule) => [rule.field],
  subject: (rule) => rule.field,
  sql: (rule, ctx) => {
    const column = ctx.column(rule.field);
    const occurrences = ctx.derived(`count(*) OVER (PARTITION BY ${column})`);
    return { failure: `CASE WHEN NOT ${isBlank(column)} AND ${occurrences} > 1 THEN 'duplicate' END` };
  },
  describe: () => 'Duplicate value',
  problem: (rule) => `duplicate ${rule.field} values`,
};
