// The contract every rule type implements: its config schema, the columns it reads, and the SQL that
// flags a failing record with a reason code. Does not run SQL or format reports (see evaluate.ts, report.ts).

import type { z } from 'zod';
import type { SqlValue } from '../../core/engine.js';

/** Severity levels, most severe first; the order drives alert sorting and `--fail-on`. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Fields every rule has, whatever its type. */
export interface RuleCommon {
  id: string;
  name: string;
  severity: Severity;
}

/** Builds SQL for one query: quoted columns, shared numeric casts, bound values and derived columns. */
export interface SqlContext {
  /** The quoted column `name` of the source row. */
  column(name: string): string;
  /** A DOUBLE for column `name` (NULL when empty, not a number, NaN or infinite), computed once per row. */
  number(name: string): string;
  /** Bind `value` and return its placeholder (`$3`). */
  param(value: SqlValue): string;
  /** Compute `expression` (which may use window functions) once per row before the checks; returns its alias. */
  derived(expression: string): string;
}

/** The SQL a rule contributes to the single evaluation query. */
export interface RuleSql {
  /** NULL when the record passes, else a reason code (a constant from the rule's own code, never config text). */
  failure: string;
  /** The value the failure detail shows as `expected` (calculation rules), or undefined. */
  expected?: string;
}

/** One rule type: adding a type means one file exporting this and one line in registry.ts. */
export interface RuleDefinition<Config extends RuleCommon & { type: string }> {
  /** The `type` value in the config. */
  readonly type: Config['type'];
  /** Zod schema for the type-specific keys (merged with the common ones by config.ts). */
  readonly schema: z.ZodType<Config>;
  /** Problems in the rule that do not depend on the data (a formula that does not parse ...). */
  validate?(rule: Config): string[];
  /** Columns the rule reads; each must exist in the data. */
  columns(rule: Config): string[];
  /** The column whose value the failure detail shows (`quantity=-1`). */
  subject(rule: Config): string;
  /** SQL for the rule. */
  sql(rule: Config, ctx: SqlContext): RuleSql;
  /** Human text for a reason code the rule's SQL produced (`Value out of range 1-1000`). */
  describe(rule: Config, code: string): string;
  /** What an alert asks people to investigate, e.g. `null customer_id`. */
  problem(rule: Config): string;
}
