// Quality scores from one evaluation: per rule (passed, failed, score), overall (records passing every
// rule), the checks pass rate, and scores per severity. Does not decide what is alarming (alerts.ts).

import type { Evaluation, FailureSample } from './evaluate.js';
import { SEVERITIES } from './rules/types.js';
import type { Severity } from './rules/types.js';
import { definitionOf } from './rules/registry.js';

/** The pseudo-rule id under which rows the CSV reader rejected are counted. */
export const SCHEMA_CHECK_ID = 'SCHEMA';

/** One row of the rule table. */
export interface RuleResult {
  id: string;
  name: string;
  /** The rule type, or `schema` for the row-shape check. */
  type: string;
  severity: Severity;
  /** The field failure details name (`quantity`). */
  field: string;
  checked: number;
  passed: number;
  failed: number;
  /** Percentage of checked records that passed; null when nothing was checked. */
  score: number | null;
  /** The first failures (by record id); `failed` is the total. */
  samples: FailureSample[];
  /** What an alert asks people to investigate (`null customer_id`). */
  problem: string;
}

/** Records passing every rule of one severity. */
export interface SeverityScore {
  severity: Severity;
  rules: number;
  failedChecks: number;
  passingRecords: number;
  score: number | null;
}

/** Every score of one run. */
export interface QualityScores {
  /** Rows in the file: parsed plus rejected. */
  records: number;
  rejectedRows: number;
  /** Records that pass every rule (a rejected row never does). */
  passingRecords: number;
  /** Overall score, the spec's definition: passingRecords / records, in percent; null with no records. */
  score: number | null;
  checksPassed: number;
  checksTotal: number;
  /** checksPassed / checksTotal in percent; null with no checks. */
  checksPassRate: number | null;
  rules: RuleResult[];
  severities: SeverityScore[];
}

const percent = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);

/**
 * Score an evaluation. Per-rule figures count the rows that parsed; rows the reader rejected fail the
 * critical `SCHEMA` check (listed only when there are some) and count as failing in the overall and
 * severity scores.
 */
export function scoreEvaluation(evaluation: Evaluation): QualityScores {
  const parsed = evaluation.parsedRecords;
  const rejected = evaluation.rejects.length;
  const records = parsed + rejected;
  const rules: RuleResult[] = evaluation.rules.map(({ rule, failed, samples }) => {
    const definition = definitionOf(rule);
    return {
      id: rule.id,
      name: rule.name,
      type: rule.type,
      severity: rule.severity,
      field: definition.subject(rule),
      checked: parsed,
      passed: parsed - failed,
      failed,
      score: percent(parsed - failed, parsed),
      samples,
      problem: definition.problem(rule),
    };
  });
  if (rejected > 0) {
    rules.unshift({
      id: SCHEMA_CHECK_ID,
      name: 'Row Matches Header',
      type: 'schema',
      severity: 'critical',
      field: '(row)',
      checked: records,
      passed: parsed,
      failed: rejected,
      score: percent(parsed, records),
      samples: [],
      problem: 'rows whose field count or quoting does not match the header',
    });
  }
  const checksTotal = rules.reduce((sum, rule) => sum + rule.checked, 0);
  const checksPassed = rules.reduce((sum, rule) => sum + rule.passed, 0);
  const severities = SEVERITIES.flatMap((severity): SeverityScore[] => {
    const ofSeverity = rules.filter((rule) => rule.severity === severity);
    if (ofSeverity.length === 0) return [];
    const passingRecords = evaluation.passingBySeverity[severity] ?? parsed;
    return [
      {
        severity,
        rules: ofSeverity.length,
        failedChecks: ofSeverity.reduce((sum, rule) => sum + rule.failed, 0),
        passingRecords,
        score: percent(passingRecords, records),
      },
    ];
  });
  return {
    records,
    rejectedRows: rejected,
    passingRecords: evaluation.passingAll,
    score: percent(evaluation.passingAll, records),
    checksPassed,
    checksTotal,
    checksPassRate: percent(checksPassed, checksTotal),
    rules,
    severities,
  };
}
