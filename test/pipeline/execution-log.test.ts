import { describe, expect, it } from 'vitest';
import {
  bannerLines,
  executionLineFormat,
  phaseRule,
  summaryLines,
} from '../../src/pipeline/execution-log.js';
import type { StepMetric } from '../../src/pipeline/metrics.js';
import { runStatus, summarizeRun } from '../../src/pipeline/metrics.js';

const step = (over: Partial<StepMetric>): StepMetric => ({
  name: 's',
  type: 't',
  phase: 'extract',
  status: 'success',
  attempts: 1,
  startedAt: new Date(0),
  durationMs: 0,
  recordsIn: 0,
  recordsOut: 0,
  dropped: {},
  unmatched: 0,
  inputs: [],
  rowLevel: false,
  ...over,
});

const steps: StepMetric[] = [
  step({ name: 'sales_orders', output: 'sales_orders', durationMs: 3120, recordsIn: 1247, recordsOut: 1247 }),
  step({
    name: 'clean',
    phase: 'transform',
    durationMs: 1000,
    recordsIn: 1247,
    recordsOut: 1224,
    dropped: { nulls: 23 },
    output: 'sales_orders',
    rowLevel: true,
  }),
  step({
    name: 'join',
    phase: 'transform',
    durationMs: 2050,
    recordsIn: 1224,
    recordsOut: 1218,
    dropped: { unmatched: 6 },
    unmatched: 6,
    output: 'enriched',
    rowLevel: true,
  }),
  step({ name: 'agg', phase: 'transform', recordsIn: 1218, recordsOut: 12, output: 'aggregated' }),
  step({
    name: 'csv',
    phase: 'load',
    durationMs: 1060,
    recordsIn: 12,
    recordsOut: 12,
    inputs: ['aggregated'],
  }),
];

describe('execution log', () => {
  it('formats lines as [HH:MM:SS] LEVEL | message', () => {
    expect(executionLineFormat(new Date('2024-01-17T02:00:05Z'), 'WARNING', 'careful')).toBe(
      '[02:00:05] WARN  | careful',
    );
    expect(executionLineFormat(new Date('2024-01-17T02:00:05Z'), 'INFO', 'fine')).toBe(
      '[02:00:05] INFO  | fine',
    );
  });

  it('draws phase rules and the banner 68 columns wide', () => {
    expect(phaseRule('load')).toHaveLength(68);
    const banner = bannerLines('daily_sales_pipeline', '1.0.0', 'RUN-20240117-020000', {
      kind: 'scheduled',
      schedule: 'daily @ 02:00 UTC',
    });
    expect(banner.map((line) => line.trim())).toEqual([
      '═'.repeat(68),
      'PIPELINE EXECUTION STARTED',
      'daily_sales_pipeline v1.0.0',
      'Run ID: RUN-20240117-020000',
      'Triggered: Scheduled (daily @ 02:00 UTC)',
      '═'.repeat(68),
      '',
    ]);
  });

  it("summarises like the spec's sample: durations, shares, drops and coverage", () => {
    const summary = summarizeRun({
      status: runStatus(steps),
      durationMs: 7230,
      primary: 'sales_orders',
      steps,
    });
    const text = summaryLines(summary).join('\n');
    expect(text).toContain('Status:           SUCCESS ✓');
    expect(text).toContain('Duration:         7.23 seconds');
    expect(text).toContain('Records Input:    1,247 (sales orders)');
    expect(text).toContain('Records Output:   1,218 (enriched) | 12 (aggregated)');
    expect(text).toContain('Records Dropped:  29 (2.3%)');
    expect(text).toContain('  Extract:        3.12s (43.2%)');
    expect(text).toContain('  Transform:      3.05s (42.2%)');
    expect(text).toContain('  Load:           1.06s (14.7%)');
    expect(text).toContain('  Null Records:   23 dropped');
    expect(text).toContain('  Unmatched Joins: 6 total');
    expect(text).toContain('  Data Coverage:  97.7%');
  });

  it.each([
    { statuses: ['success', 'absent'], status: 'success' },
    { statuses: ['success', 'failed'], status: 'failed' },
    { statuses: ['failed', 'success:load'], status: 'partial' },
  ] as const)('derives run status $status from $statuses', ({ statuses, status }) => {
    const metrics = statuses.map((s) =>
      step({
        status: s.split(':')[0] as StepMetric['status'],
        phase: s.endsWith(':load') ? 'load' : 'extract',
      }),
    );
    expect(runStatus(metrics)).toBe(status);
  });
});
