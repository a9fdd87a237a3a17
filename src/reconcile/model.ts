// The reconciliation job's shared vocabulary: discrepancy types, severities, findings and their
// classified form. Plain types only; the code that produces or renders them lives elsewhere.

/** Severities, most serious first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Every kind of discrepancy the job reports. */
export const DISCREPANCY_TYPES = [
  'missing_record',
  'ghost_record',
  'duplicate_key',
  'invalid_value',
  'amount_mismatch',
  'quantity_mismatch',
  'status_mismatch',
  'timing_difference',
  'value_mismatch',
] as const;
export type DiscrepancyType = (typeof DISCREPANCY_TYPES)[number];

/** Human title of each type, for reports. */
export const TYPE_TITLES: Record<DiscrepancyType, string> = {
  missing_record: 'Missing Record',
  ghost_record: 'Ghost Record',
  duplicate_key: 'Duplicate Key',
  invalid_value: 'Invalid Value',
  amount_mismatch: 'Amount Mismatch',
  quantity_mismatch: 'Quantity Mismatch',
  status_mismatch: 'Status Mismatch',
  timing_difference: 'Timing Difference',
  value_mismatch: 'Value Mismatch',
};

/** Values of one record, by column name, as exact text (decimals keep their digits). */
export type RecordValues = Record<string, string | null>;

/** One compared field whose values differ. */
export interface FieldDifference {
  sourceField: string;
  targetField: string;
  sourceValue: string | null;
  targetValue: string | null;
  /** target - source for numbers (exact decimal text); null for text and dates. */
  difference: string | null;
}

/** What the other systems compared with the same truth say about this key (the three-way view). */
export type Corroboration = 'agree' | 'differ' | 'none';

/**
 * A discrepancy as found, before classification. `target` is null for problems within one system
 * (a duplicate key, an invalid value); then `source` is that system.
 */
export interface Finding {
  type: DiscrepancyType;
  /** The comparison's name, or null for a problem within one system. */
  comparison: string | null;
  source: string;
  target: string | null;
  key: string;
  /** The record's status in the source of truth, when known (drives severity rules). */
  status: string | null;
  field: FieldDifference | null;
  sourceValues: RecordValues | null;
  targetValues: RecordValues | null;
  /** Extra facts: occurrences of a duplicate, the unparseable text of an invalid value. */
  note: string | null;
  others: Corroboration;
}

/** A finding with its id, severity, probable cause and recommended action. */
export interface Discrepancy extends Finding {
  id: string;
  severity: Severity;
  probableCause: string;
  recommendedAction: string;
}

/** Numeric rank of a severity: 0 for critical. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
