// Rule type `regex`: the whole value must match a pattern (RE2 syntax, as DuckDB runs it).
// Does not search inside values: write `.*x.*` to accept any value containing x.

import { z } from 'zod';
import { commonRuleShape, fieldName, isBlank } from './common.js';
import type { RuleDefinition } from './types.js';

const schema = z.strictObject({
  ...commonRuleShape,
  type: z.literal('regex'),
  field: fieldName,
  pattern: z.string().min(1),
});

/** Config of a `regex` rule. */
export type RegexRule = z.infer<typeof schema>;

// RE2 has no lookaround and no backreferences; catch them here rather than as an engine error mid-run.
const UNSUPPORTED = /\(\?<?[=!]|\\[1-9]/;

/** Problems with a pattern: not a valid regular expression, or a feature RE2 lacks. */
export function patternProblems(pattern: string): string[] {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return [`pattern /${pattern}/ is not a valid regular expression: ${(error as Error).message}`];
  }
  return UNSUPPORTED.test(pattern)
    ? [`pattern /${pattern}/ uses lookaround or a backreference, which RE2 does not support`]
    : [];
}

/** Fails blank values and values the pattern does not fully match. */
export const regexRule: RuleDefinition<RegexRule> = {
  type: 'regex',
  schema,
  validate: (rule) => patternProblems(rule.pattern),
  columns: (rule) => [rule.field],
  subject: (rule) => rule.field,
  sql: (rule, ctx) => {
    const column = ctx.column(rule.field);
    return {
      failure: `CASE WHEN ${isBlank(column)} THEN 'missing' WHEN NOT regexp_full_match(${column}, ${ctx.param(rule.pattern)}) THEN 'pattern' END`,
    };
  },
  describe: (rule, code) =>
    code === 'missing' ? 'Missing value' : `Value does not match pattern ${rule.pattern}`,
  problem: (rule) => `${rule.field} values not matching ${rule.pattern}`,
};
