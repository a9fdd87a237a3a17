// Small SQL builders the reconciliation queries share: value-to-text, the record key, field equality
// with tolerances and text folding, and the first-occurrence view of a source. Values are always bound.

import type { SqlValue } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import type { ColumnSpec } from './rules.js';
import { DECIMAL_TYPE } from './load.js';
import type { PlannedField } from './plan.js';

/** Collects bound values and hands out their `$n` placeholders. */
export class Params {
  readonly values: SqlValue[] = [];
  bind(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** SQL turning a typed value into exact display text: decimals keep at least two places, dates ISO. */
export function asText(expr: string, type: ColumnSpec['type']): string {
  if (type === 'decimal') {
    return `CASE WHEN ${expr} = round(${expr}, 2) THEN CAST(CAST(${expr} AS DECIMAL(18,2)) AS VARCHAR) ELSE rtrim(CAST(${expr} AS VARCHAR), '0') END`;
  }
  return type === 'text' ? expr : `CAST(${expr} AS VARCHAR)`;
}

/** SQL for the record key of `alias`: one column as text, or several joined with `|`. */
export function keyExpression(alias: string, columns: readonly string[]): string {
  const parts = columns.map((c) => `CAST(${alias}.${quoteIdent(c)} AS VARCHAR)`);
  return parts.length === 1 ? parts[0] : `concat_ws('|', ${parts.join(', ')})`;
}

/** SQL that is true when every key column of `alias` has a value. */
export function keyPresent(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `${alias}.${quoteIdent(c)} IS NOT NULL`).join(' AND ');
}

function foldText(expr: string, field: PlannedField): string {
  let out = expr;
  if (field.collapseWhitespace) out = `regexp_replace(${out}, '\\s+', ' ', 'g')`;
  if (field.ignoreCase) out = `lower(${out})`;
  return out;
}

/**
 * SQL that is true when the two values of a compared field match: numbers within the absolute or the
 * relative tolerance (whichever allows more), text after folding, anything else exactly; two NULLs match.
 */
export function fieldEquality(a: string, b: string, field: PlannedField, params: Params): string {
  if (field.type === 'text') return `(${foldText(a, field)} IS NOT DISTINCT FROM ${foldText(b, field)})`;
  const checks = [`(${a} IS NULL AND ${b} IS NULL)`, `${a} = ${b}`];
  if (field.tolerance !== null)
    checks.push(`abs(${b} - ${a}) <= CAST(${params.bind(field.tolerance)} AS ${DECIMAL_TYPE})`);
  if (field.tolerancePercent !== null) {
    checks.push(
      `abs(${b} - ${a}) * 100 <= abs(${a}) * CAST(${params.bind(field.tolerancePercent)} AS ${DECIMAL_TYPE})`,
    );
  }
  return `coalesce(${checks.join(' OR ')}, false)`;
}
