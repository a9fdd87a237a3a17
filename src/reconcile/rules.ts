// The reconciliation rules file: its zod schema (the spec's shape plus optional `sources`, `classification`
// and `summary` sections) and the validated, defaulted form the job uses. Does not read any data.

import { z } from 'zod';
import { DISCREPANCY_TYPES, SEVERITIES } from './model.js';

const MISMATCH_TYPES = [
  'amount_mismatch',
  'status_mismatch',
  'quantity_mismatch',
  'timing_difference',
  'value_mismatch',
] as const;

const columnSchema = z.strictObject({
  /** How the text is parsed: text (default), decimal (exact), integer, or date (ISO unless `format`). */
  type: z.enum(['text', 'decimal', 'integer', 'date']).default('text'),
  /** strptime format for a date column, e.g. `%Y%m%d`. */
  format: z.string().min(1).optional(),
  /** Prefix added to a value, e.g. `CUST` turns `100` into `CUST100`. */
  prefix: z.string().optional(),
  /** Zero-pad the value to this many characters before the prefix (`1` -> `PROD001` with pad 3). */
  pad: z.number().int().min(1).max(64).optional(),
  /** Trim surrounding whitespace (default true). */
  trim: z.boolean().default(true),
  /** Fold the case of a text value when loading. */
  case: z.enum(['keep', 'lower', 'upper']).default('keep'),
});

const sourceSchema = z.strictObject({
  /** Long name for reports ("Data Warehouse"); default the short name. */
  label: z.string().min(1).optional(),
  /** Short name for trees and tables ("DW"); default the id in capitals. */
  short: z.string().min(1).optional(),
  /** File path relative to the workspace; `{period}` becomes e.g. 202401. */
  file: z.string().min(1),
  /** The column that identifies a record (after renames). */
  key: z.string().min(1).optional(),
  /** Column renames applied first: `{"order_id": "transaction_id"}`. */
  rename: z.record(z.string(), z.string().min(1)).default({}),
  /** Types and conversions by column name (after renames); unlisted columns are trimmed text. */
  columns: z.record(z.string(), columnSchema).default({}),
});

const compareFieldSchema = z.strictObject({
  source: z.string().min(1),
  target: z.string().min(1),
  /** Absolute tolerance for numbers: |a - b| <= tolerance matches. */
  tolerance: z.number().min(0).optional(),
  /** Relative tolerance in percent of the source value. */
  tolerance_percent: z.number().min(0).optional(),
  /** Text comparison ignores case (default true, as the spec's hint lower-cases). */
  ignore_case: z.boolean().default(true),
  /** Text comparison treats runs of whitespace as one space. */
  collapse_whitespace: z.boolean().default(false),
  /** Which discrepancy type a mismatch of this field is; default from the column's type and name. */
  discrepancy_type: z.enum(MISMATCH_TYPES).optional(),
});

const comparisonSchema = z.strictObject({
  name: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  key_fields: z.array(z.string().min(1)).min(1),
  compare_fields: z.array(compareFieldSchema).default([]),
});

const aggregationSchema = z.strictObject({
  name: z.string().min(1),
  /** Column to group by (names as in the source of truth), or null for one total. */
  group_by: z.string().min(1).nullable().default(null),
  metric: z.string().min(1),
  tolerance_percent: z.number().min(0).default(0),
  /** Keep only records whose status is one of these (case-insensitive), e.g. ["completed"]. */
  status_filter: z.array(z.string().min(1)).min(1).optional(),
  /** Per-system metric column where it is not found by name or through a comparison. */
  metric_columns: z.record(z.string(), z.string().min(1)).optional(),
});

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

const conditionSchema = z.strictObject({
  type: oneOrMany(z.enum(DISCREPANCY_TYPES)).optional(),
  /** Source ids of the system that differs from the truth. */
  system: oneOrMany(z.string().min(1)).optional(),
  /** The record's status in the source of truth (case-insensitive). */
  status: oneOrMany(z.string()).optional(),
  /** Numeric difference bounds (absolute value, inclusive). */
  max_abs_difference: z.number().min(0).optional(),
  min_abs_difference: z.number().min(0).optional(),
  /** What the other compared systems say about the same key: agree with the truth, differ too, or not compared. */
  others: z.enum(['agree', 'differ', 'none']).optional(),
});

const classificationRuleSchema = z.strictObject({
  when: conditionSchema.default({}),
  severity: z.enum(SEVERITIES),
  probable_cause: z.string().min(1),
  recommended_action: z.string().min(1),
});

const classificationSchema = z.strictObject({
  /** Amount differences up to this are rounding (low); default 0.05. */
  rounding_band: z.number().min(0).default(0.05),
  /** Your rules, tried in order before the built-in ones; the first match wins. */
  rules: z.array(classificationRuleSchema).default([]),
  /** Use only your rules (a discrepancy no rule matches gets the fallback). */
  replace_defaults: z.boolean().default(false),
});

const summarySchema = z.strictObject({
  amount: z.string().min(1).default('total_amount'),
  status: z.string().min(1).default('status'),
  completed: z.array(z.string().min(1)).min(1).default(['completed']),
  customer: z.string().min(1).default('customer_id'),
});

/** The rules file's schema. */
export const rulesSchema = z.strictObject({
  /** The source of truth (default `erp`). */
  truth: z.string().min(1).default('erp'),
  sources: z.record(z.string(), sourceSchema).default({}),
  comparisons: z.array(comparisonSchema).min(1),
  aggregations: z.array(aggregationSchema).default([]),
  /** Group columns (as in the truth) to total by when no aggregation does yet; [] turns this off. */
  breakdowns: z.array(z.string().min(1)).default(['customer_id', 'product_id']),
  classification: classificationSchema.prefault({}),
  summary: summarySchema.prefault({}),
});

export type ColumnSpec = z.output<typeof columnSchema>;
export type SourceSpec = z.output<typeof sourceSchema>;
export type CompareFieldSpec = z.output<typeof compareFieldSchema>;
export type ComparisonSpec = z.output<typeof comparisonSchema>;
export type AggregationSpec = z.output<typeof aggregationSchema>;
export type ClassificationRule = z.output<typeof classificationRuleSchema>;
export type Condition = z.output<typeof conditionSchema>;
export type ClassificationSpec = z.output<typeof classificationSchema>;
export type SummarySpec = z.output<typeof summarySchema>;
export type Rules = z.output<typeof rulesSchema>;
export type MismatchType = (typeof MISMATCH_TYPES)[number];
