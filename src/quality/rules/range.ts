// Rule type `range`: the field must be a finite number within `min`..`max` (both inclusive, either optional).
// Does not coerce locale formats: `1,000` is not a number here.

import { z } from 'zod';
import { commonRuleShape, fieldName, formatNumber, isBlank } from './common.js';
import type { RuleDefinition } from './types.js';

const schema = z
  .strictObject({
    ...commonRuleShape,
    type: z.literal('range'),
    field: fieldName,
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((rule) => rule.min !== undefined || rule.max !== undefined, {
    message: 'a range rule needs "min", "max" or both',
  })
  .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min <= rule.max, {
    message: '"min" must not exceed "max"',
  });

/** Config of a `range` rule. */
export type RangeRule = z.infer<typeof schema>;

/** `1-1000`, `>= 1` or `<= 1000`, as messages show the bounds. */
export function rangeText(rule: RangeRule): string {
  const { min, max } = rule;
  if (min !== undefined && max !== undefined)
    return min < 0
      ? `${formatNumber(min)} to ${formatNumber(max)}`
      : `${formatNumber(min)}-${formatNumber(max)}`;
  return min !== undefined ? `>= ${formatNumber(min)}` : `<= ${formatNumber(max ?? 0)}`;
}

/** Fails blank values, non-numbers (NaN and infinities included) and numbers outside the bounds. */
export const rangeRule: RuleDefinition<RangeRule> = {
  type: 'range',
  schema,
  columns: (rule) => [rule.field],
  subject: (rule) => rule.field,
  sql: (rule, ctx) => {
    const value = ctx.number(rule.field);
    const bounds: string[] = [];
    if (rule.min !== undefined) bounds.push(`${value} < ${ctx.param(rule.min)}`);
    if (rule.max !== undefined) bounds.push(`${value} > ${ctx.param(rule.max)}`);
    return {
      failure: `CASE WHEN ${isBlank(ctx.column(rule.field))} THEN 'missing' WHEN ${value} IS NULL THEN 'nan' WHEN ${bounds.join(' OR ')} THEN 'range' END`,
    };
  },
  describe: (rule, code) =>
    code === 'missing'
      ? 'Missing value'
      : code === 'nan'
        ? 'Not a number'
        : `Value out of range ${rangeText(rule)}`,
  problem: (rule) => `${rule.field} values outside ${rangeText(rule)} or not numeric`,
};
