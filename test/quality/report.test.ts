import { describe, expect, it } from 'vitest';
import { DETAIL_LIMIT, renderReport } from '../../src/quality/report.js';
import type { ReportInput } from '../../src/quality/report.js';
import type { QualityScores, RuleResult } from '../../src/quality/score.js';

function rule(failed: number, value: string): RuleResult {
  const samples = Array.from({ length: Math.min(failed, 100) }, (_, i) => ({
    recordId: `ID${String(i).padStart(3, '0')}`,
    value,
    expected: null,
    reason: 'Bad',
  }));
  return {
    id: 'R1',
    name: 'Rule\u001b[31m One',
    type: 'not_null',
    severity: 'high',
    field: 'f',
    checked: 1000,
    passed: 1000 - failed,
    failed,
    score: 100 - failed / 10,
    samples,
    problem: 'x',
  };
}

function input(rules: RuleResult[], score: number | null = 80): ReportInput {
  const scores: QualityScores = {
    records: 1000,
    rejectedRows: 0,
    passingRecords: 800,
    score,
    checksPassed: 900,
    checksTotal: 1000,
    checksPassRate: 90,
    rules,
    severities: [],
  };
  return {
    date: '2024-01-17',
    fileName: 'orders.csv',
    scores,
    alerts: [],
    trend: { points: [], direction: 'not enough history' },
    rejects: [],
    rejectsFile: 'r.csv',
    recordLabel: 'Order',
    overallMinScore: 90,
  };
}

describe('renderReport', () => {
  it('strips terminal escapes and control characters that come from data and config', () => {
    const report = renderReport(input([rule(1, 'evil\u001b[2J\u0007value')]));
    expect(
      [...report].some((char) => char !== '\n' && (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127)),
    ).toBe(false);
    expect(report).toContain('Order ID000: f=evilvalue (Rule R1: Bad)');
    expect(report).toContain('Rule One');
  });

  it('shows at most DETAIL_LIMIT failure lines and says how many there are in all', () => {
    const report = renderReport(input([rule(500, 'x')]));
    expect(report.split('\n').filter((line) => line.startsWith('Order '))).toHaveLength(DETAIL_LIMIT);
    expect(report).toContain(`... showing the first ${DETAIL_LIMIT} of 500 failures`);
  });

  it('marks a score below the minimum and says when there is no earlier run', () => {
    const report = renderReport(input([rule(0, 'x')], 80));
    expect(report).toContain('Overall Quality Score: 80.0% ⚠');
    expect(report).toContain('Previous Day Score: none (no earlier run in history)');
    expect(report).toContain('None: every record passed every rule.');
  });

  it('names the date of a previous score that is not yesterday, with the change', () => {
    const report = renderReport({
      ...input([rule(0, 'x')], 95),
      trend: {
        points: [
          { date: '2024-01-10', score: 90 },
          { date: '2024-01-17', score: 95 },
        ],
        direction: 'improving',
        previous: { date: '2024-01-10', score: 90 },
      },
    });
    expect(report).toContain('Previous Score (2024-01-10): 90.0% (↑ 5.0%)');
    expect(report).toContain('2024-01-17: 95.0% █████████░ ↑ Improving trend');
  });
});
