// Rule type `calculation`: `target_field` must equal `formula` (over other fields) within `tolerance`.
// Does not round: a difference exactly equal to the tolerance passes (float noise is absorbed, see below).

import { z } from 'zod';
import { FormulaError, formulaFields, formulaToSql, parseFormula } from '../formula.js';
import type { Formula } from '../formula.js';
import { commonRuleShape, fieldName } from './common.js';
import type { RuleDefinition } from './types.js';

const schema = z.strictObject({
  ...commonRuleShape,
  type: z.literal('calculation'),
  formula: z.string().min(1),
  target_field: fieldName,
  tolerance: z.number().min(0).default(0),
});

/** Config of a `calculation` rule. */
export type CalculationRule = z.infer<typeof schema>;

// Parsing is cheap, but a rule is asked for its formula several times; parse each text once.
const parsed = new Map<string, Formula>();
function formulaOf(rule: CalculationRule): Formula {
  let formula = parsed.get(rule.formula);
  if (!formula) {
    formula = parseFormula(rule.formula);
    parsed.set(rule.formula, formula);
  }
  return formula;
}

/**
 * Binary floating point makes 60.00 - 59.99 come out as 0.0100000000000051; this relative slack
 * (a billionth of the target, at least 1e-9) keeps a difference equal to the tolerance a pass.
 */
const FLOAT_SLACK = 1e-9;

/** Fails records with a missing/non-numeric operand or target, an undefined result (x/0), or a mismatch. */
export const calculationRule: RuleDefinition<CalculationRule> = {
  type: 'calculation',
  schema,
  validate: (rule) => {
    try {
      parseFormula(rule.formula);
      return [];
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      return [
        `formula "${rule.formula}" does not parse: ${error.message} at character ${error.position + 1}`,
      ];
    }
  },
  columns: (rule) => [...formulaFields(formulaOf(rule)), rule.target_field],
  subject: (rule) => rule.target_field,
  sql: (rule, ctx) => {
    const formula = formulaOf(rule);
    const operands = formulaFields(formula);
    const computed = formulaToSql(formula, {
      field: (name) => ctx.number(name),
      number: (value) => ctx.param(value),
    });
    const target = ctx.number(rule.target_field);
    const operandChecks = operands
      .map((name, i) => `WHEN ${ctx.number(name)} IS NULL THEN 'operand:${i}'`)
      .join(' ');
    const allowed = `${ctx.param(rule.tolerance)} + ${FLOAT_SLACK} * greatest(1, abs(${target}))`;
    return {
      failure: `CASE ${operandChecks} WHEN ${target} IS NULL THEN 'target' WHEN ${computed} IS NULL OR NOT isfinite(${computed}) THEN 'undefined' WHEN abs(${computed} - ${target}) > ${allowed} THEN 'mismatch' END`,
      expected: computed,
    };
  },
  describe: (rule, code) => {
    if (code.startsWith('operand:'))
      return `Missing or non-numeric operand ${formulaFields(formulaOf(rule))[Number(code.slice(8))]}`;
    if (code === 'target') return `Missing or non-numeric ${rule.target_field}`;
    if (code === 'undefined') return 'Formula result undefined (division by zero)';
    return 'Calculation mismatch';
  },
  problem: (rule) => `${rule.target_field} not matching ${rule.formula}`,
};
