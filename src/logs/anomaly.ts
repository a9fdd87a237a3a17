// The anomaly record every detector produces, severities and their order, and id assignment.
// Detection rules live in detectors.ts; the JSON writer in outputs.ts.

/** How urgent an anomaly is, lowest first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** One severity. */
export type Severity = (typeof SEVERITIES)[number];

/** What an anomaly is about. */
export type AnomalyType = 'security' | 'traffic' | 'performance';

/** Detail values are plain JSON. */
export type DetailValue = string | number | string[];

/** One detected anomaly, in the shape written to anomalies_<date>.json. */
export interface Anomaly {
  /** ANOM001... assigned after sorting. */
  id: string;
  type: AnomalyType;
  severity: Severity;
  description: string;
  details: Record<string, DetailValue>;
  recommended_action: string;
  /** The detector rule that fired and the threshold it compares with. */
  rule: { detector: string; threshold: number | string; condition: string };
  /** How to check it: the count and the first input line numbers involved. */
  evidence: { count: number; first_lines: number[] };
  /** One line for the report's recommendations list. */
  recommendation: string;
}

/** Rank of a severity (low 0 ... critical 3). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

const TYPE_ORDER: Record<AnomalyType, number> = { security: 0, traffic: 1, performance: 2 };

/** Sort by severity (critical first), then type, then evidence count; then number them ANOM001... */
export function rankAnomalies(anomalies: readonly Omit<Anomaly, 'id'>[]): Anomaly[] {
  return [...anomalies]
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
        b.evidence.count - a.evidence.count ||
        (a.evidence.first_lines[0] ?? 0) - (b.evidence.first_lines[0] ?? 0),
    )
    .map((anomaly, i) => ({ id: `ANOM${String(i + 1).padStart(3, '0')}`, ...anomaly }));
}

/** True when any anomaly is at or above `threshold`. */
export function hasSeverityAtLeast(anomalies: readonly Anomaly[], threshold: Severity): boolean {
  return anomalies.some((a) => severityRank(a.severity) >= severityRank(threshold));
}
