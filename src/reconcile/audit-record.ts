// What the audit trail records about a run's results: each comparison's counts, each aggregation's
// variances and the discrepancy totals, as key=value lines. Formatting only.

import type { AuditTrail } from './audit.js';
import { summarize } from './issues-file.js';
import type { Findings } from './run.js';

/** Record every count of a run in the audit trail. */
export function recordCounts(audit: AuditTrail, findings: Findings, label: (id: string) => string): void {
  for (const c of findings.comparisons) {
    const fields = c.plan.fields
      .map(
        (f, i) =>
          `${f.sourceColumn}_mismatch=${c.counts.fieldMismatches[i]} ${f.sourceColumn}_invalid=${c.counts.fieldInvalid[i]}`,
      )
      .join(' ');
    audit.record(
      `comparison "${c.plan.name}" keys=${c.counts.keys} matched=${c.counts.matchedKeys} perfect=${c.counts.perfect} missing=${c.counts.missing} ghost=${c.counts.ghost} ${fields}`.trim(),
    );
  }
  for (const a of findings.aggregates) {
    const overall = a.plan.groupBy === null ? a.groups[0] : undefined;
    const parts = a.systems.map((id) => {
      const variance = overall?.others.get(id);
      return variance
        ? `${label(id)} variance=${variance.variance} flagged=${variance.flagged}`
        : `${label(id)} flagged_groups=${a.flagged.get(id) ?? 0}`;
    });
    audit.record(`aggregation "${a.plan.name}" groups=${a.groupCount} ${parts.join(' ')}`.trim());
  }
  const summary = summarize(findings.discrepancies);
  const byType = Object.entries(summary.by_type)
    .map(([type, n]) => `${type}=${n}`)
    .join(' ');
  audit.record(
    `discrepancies total=${summary.total_discrepancies} critical=${summary.by_severity.critical} high=${summary.by_severity.high} medium=${summary.by_severity.medium} low=${summary.by_severity.low} ${byType}`.trim(),
  );
  audit.record(`detail rows=${findings.detailRows}`);
}
