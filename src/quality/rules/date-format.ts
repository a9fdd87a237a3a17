// Rule type `date_format`: the field must be a real date/time written exactly in a strftime format
// (`2024-01-32`, `2023-02-29` and surrounding spaces fail). Does not convert time zones.

import { z } from 'zod';
import { commonRuleShape, fieldName, isBlank } from './common.js';
import type { RuleDefinition } from './types.js';

/** strftime directives the rule accepts (parsed by DuckDB's strptime). */
export const DATE_DIRECTIVES = [
  'Y',
  'y',
  'm',
  'd',
  'H',
  'I',
  'M',
  'S',
  'f',
  'p',
  'b',
  'B',
  'a',
  'A',
  'j',
  'z',
  'Z',
  '%',
] as const;

/**
 * The common `%Y-%m-%d` takes a faster path: cast to DATE and back must give the same text, which also
 * demands two-digit months and days. Other formats use strptime, which (like Python) accepts `2024-1-5`.
 */
const ISO_DATE = '%Y-%m-%d';

const schema = z.strictObject({
  ...commonRuleShape,
  type: z.literal('date_format'),
  field: fieldName,
  format: z.string().min(1),
});

/** Config of a `date_format` rule. */
export type DateFormatRule = z.infer<typeof schema>;

/** Problems with a strftime format: unknown directives, a dangling `%`, or no directive at all. */
export function formatProblems(format: string): string[] {
  const problems: string[] = [];
  let directives = 0;
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    const directive = format[i + 1];
    if (directive === undefined) problems.push(`format "${format}" ends with a lone "%"`);
    else if (!(DATE_DIRECTIVES as readonly string[]).includes(directive)) {
      problems.push(
        `format "${format}" uses unsupported directive %${directive} (supported: ${DATE_DIRECTIVES.map((d) => `%${d}`).join(' ')})`,
      );
    } else if (directive !== '%') directives++;
    i++;
  }
  if (problems.length === 0 && directives === 0)
    problems.push(`format "${format}" has no date directive such as %Y`);
  return problems;
}

/** Fails blank values, values with surrounding whitespace and values strptime rejects in the format. */
export const dateFormatRule: RuleDefinition<DateFormatRule> = {
  type: 'date_format',
  schema,
  validate: (rule) => formatProblems(rule.format),
  columns: (rule) => [rule.field],
  subject: (rule) => rule.field,
  sql: (rule, ctx) => {
    const column = ctx.column(rule.field);
    const invalid =
      rule.format === ISO_DATE
        ? `CAST(try_cast(${column} AS DATE) AS VARCHAR) IS DISTINCT FROM ${column}`
        : `${column} <> trim(${column}, ' \t\r\n') OR try_strptime(${column}, ${ctx.param(rule.format)}) IS NULL`;
    return { failure: `CASE WHEN ${isBlank(column)} THEN 'missing' WHEN ${invalid} THEN 'date' END` };
  },
  describe: (_rule, code) => (code === 'missing' ? 'Missing value' : 'Invalid date'),
  problem: (rule) => `invalid ${rule.field} (expected format ${rule.format})`,
};
