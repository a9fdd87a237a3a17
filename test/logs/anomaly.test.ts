import { describe, expect, it } from 'vitest';
import { hasSeverityAtLeast, rankAnomalies } from '../../src/logs/anomaly.js';
import type { Anomaly, Severity } from '../../src/logs/anomaly.js';

const finding = (severity: Severity, type: Anomaly['type'], count: number): Omit<Anomaly, 'id'> => ({
  type,
  severity,
  description: `${severity} ${type}`,
  details: {},
  recommended_action: '',
  rule: { detector: 'test', threshold: 1, condition: '' },
  evidence: { count, first_lines: [count] },
  recommendation: '',
});

describe('rankAnomalies', () => {
  it('orders by severity, then type, then count, and numbers from ANOM001', () => {
    const ranked = rankAnomalies([
      finding('low', 'security', 9),
      finding('high', 'performance', 5),
      finding('critical', 'security', 1),
      finding('high', 'security', 2),
      finding('high', 'security', 7),
    ]);
    expect(ranked.map((a) => `${a.id} ${a.description} ${a.evidence.count}`)).toEqual([
      'ANOM001 critical security 1',
      'ANOM002 high security 7',
      'ANOM003 high security 2',
      'ANOM004 high performance 5',
      'ANOM005 low security 9',
    ]);
  });
});

describe('hasSeverityAtLeast', () => {
  const ranked = rankAnomalies([finding('medium', 'security', 1)]);
  it.each([
    ['low', true],
    ['medium', true],
    ['high', false],
    ['critical', false],
  ] as const)('--fail-on %s -> %s', (threshold, expected) => {
    expect(hasSeverityAtLeast(ranked, threshold)).toBe(expected);
  });

  it('is false with no anomalies', () => {
    expect(hasSeverityAtLeast([], 'low')).toBe(false);
  });
});
