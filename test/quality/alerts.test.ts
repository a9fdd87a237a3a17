import { describe, expect, it } from 'vitest';
import { alertsFile, buildAlerts, hasAlertAtOrAbove } from '../../src/quality/alerts.js';
import type { Thresholds } from '../../src/quality/config.js';
import type { Severity } from '../../src/quality/rules/types.js';
import type { QualityScores, RuleResult } from '../../src/quality/score.js';

const thresholds: Thresholds = {
  critical_max_failures: 0,
  high_max_percent: 5,
  medium_max_percent: 10,
  overall_min_score: 90,
};
const context = {
  thresholds,
  recordNoun: 'order',
  dataFile: 'data/orders.csv',
  rejectsFile: 'reports/rejects.csv',
};

function rule(id: string, severity: Severity, failed: number, checked = 100): RuleResult {
  const samples = Array.from({ length: Math.min(failed, 100) }, (_, i) => ({
    recordId: `${id}-${String(i).padStart(3, '0')}`,
    value: null,
    expected: null,
    reason: 'x',
  }));
  return {
    id,
    name: `Rule ${id}`,
    type: 'not_null',
    severity,
    field: 'f',
    checked,
    passed: checked - failed,
    failed,
    score: ((checked - failed) / checked) * 100,
    samples,
    problem: 'null f',
  };
}

function scores(rules: RuleResult[], score: number | null = 95, records = 100): QualityScores {
  return {
    records,
    rejectedRows: 0,
    passingRecords: score === null ? 0 : score,
    score,
    checksPassed: 0,
    checksTotal: 0,
    checksPassRate: null,
    rules,
    severities: [],
  };
}

describe('buildAlerts', () => {
  it.each([
    ['a critical rule with one failure over a limit of 0', rule('C', 'critical', 1), true],
    ['a critical rule with no failures', rule('C', 'critical', 0), false],
    ['a high rule at exactly 5%', rule('H', 'high', 5), false],
    ['a high rule above 5%', rule('H', 'high', 6), true],
    ['a medium rule at exactly 10%', rule('M', 'medium', 10), false],
    ['a medium rule above 10%', rule('M', 'medium', 11), true],
    ['a low rule (no low threshold set)', rule('L', 'low', 100), false],
  ])('%s -> alert: %s', (_name, result, alerted) => {
    expect(buildAlerts(scores([result]), context)).toHaveLength(alerted ? 1 : 0);
  });

  it('alerts on a low rule only when low_max_percent is set', () => {
    expect(
      buildAlerts(scores([rule('L', 'low', 30)]), {
        ...context,
        thresholds: { ...thresholds, low_max_percent: 20 },
      }),
    ).toHaveLength(1);
  });

  it('sorts by severity, keeps rule order within a severity, puts the overall alert last among high, numbers ALT001...', () => {
    const alerts = buildAlerts(
      scores(
        [
          rule('M1', 'medium', 50),
          rule('H1', 'high', 50),
          rule('C1', 'critical', 1),
          rule('C2', 'critical', 2),
        ],
        40,
      ),
      context,
    );
    expect(alerts.map((a) => [a.id, a.severity, a.rule_id])).toEqual([
      ['ALT001', 'critical', 'C1'],
      ['ALT002', 'critical', 'C2'],
      ['ALT003', 'high', 'H1'],
      ['ALT004', 'high', 'OVERALL'],
      ['ALT005', 'medium', 'M1'],
    ]);
  });

  it('lists the first 100 affected ids and the total count', () => {
    const [alert] = buildAlerts(scores([rule('C', 'critical', 5000, 10000)]), context);
    expect(alert.affected_records).toHaveLength(100);
    expect(alert.affected_count).toBe(5000);
    expect(alert.action_required).toBe(
      'Investigate null f in orders C-000, C-001, C-002, C-003, C-004 and 4995 more',
    );
  });

  it('raises a critical alert for a file without records', () => {
    const alerts = buildAlerts(scores([rule('C', 'critical', 0, 0)], null, 0), context);
    expect(alerts.map((a) => [a.severity, a.rule_id])).toEqual([['critical', 'EMPTY_FILE']]);
  });

  it('writes the spec shape without the report-only breach field', () => {
    const file = alertsFile(buildAlerts(scores([rule('C', 'critical', 1)]), context), '2024-01-17T10:30:00Z');
    expect(Object.keys(file.alerts[0])).toEqual([
      'id',
      'severity',
      'rule_id',
      'message',
      'affected_records',
      'affected_count',
      'action_required',
    ]);
  });
});

describe('hasAlertAtOrAbove', () => {
  const alerts = buildAlerts(scores([rule('H', 'high', 50)]), context);
  it.each([
    ['critical', false],
    ['high', true],
    ['medium', true],
    ['low', true],
  ] as const)('--fail-on %s -> %s for a high alert', (severity, expected) => {
    expect(hasAlertAtOrAbove(alerts, severity)).toBe(expected);
  });
});
