import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { money, signedMoney, signedPercent } from '../../src/reconcile/describe.js';
import { findPreviousRun, jsonNumber, periodLabel, summarize } from '../../src/reconcile/issues-file.js';
import type { Discrepancy } from '../../src/reconcile/model.js';

describe('jsonNumber', () => {
  it.each([
    ['199.96', 199.96],
    ['-0.02', -0.02],
    ['60', 60],
    ['12345678901234.567891', '12345678901234.567891'],
    ['80.90', 80.9],
    ['-0.00', -0],
    ['1e+21', 1e21],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['9007199254740993', '9007199254740993'],
  ])('%s -> %j', (text, expected) => {
    expect(jsonNumber(text)).toBe(expected);
  });
});

describe('money', () => {
  it.each([
    ['829.78', '$829.78'],
    ['60', '$60.00'],
    ['-19.99', '-$19.99'],
    ['1234567.5', '$1,234,567.50'],
    ['0.125', '$0.125'],
  ])('%s -> %s', (value, expected) => {
    expect(money(value)).toBe(expected);
  });

  it('signs differences and percentages', () => {
    expect([signedMoney('0.02'), signedMoney('-149.96'), signedMoney('0')]).toEqual([
      '+$0.02',
      '-$149.96',
      '$0.00',
    ]);
    expect([signedPercent(-18.07), signedPercent(0.02), signedPercent(-0.046), signedPercent(null)]).toEqual([
      '-18.1%',
      '+0.0%',
      '-0.0%',
      'n/a',
    ]);
  });
});

describe('findPreviousRun', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'sluice-issues-'));
  const summary = (total: number) =>
    JSON.stringify({
      summary: { total_discrepancies: total, by_severity: { critical: 0, high: total, medium: 0, low: 0 } },
      comparisons: [{ name: 'ERP vs CRM', match_rate: 90 }],
    });

  it('picks the latest period before this one', () => {
    const dir = folder();
    writeFileSync(join(dir, 'discrepancies_202311.json'), summary(1));
    writeFileSync(join(dir, 'discrepancies_202312.json'), summary(2));
    writeFileSync(join(dir, 'discrepancies_202402.json'), summary(9));
    const previous = findPreviousRun(join(dir, 'discrepancies_202401.json'), '202401', () => {});
    expect(previous).toMatchObject({ period: '202312', total: 2, matchRates: new Map([['ERP vs CRM', 90]]) });
  });

  it('returns null without an earlier file', () => {
    expect(findPreviousRun(join(folder(), 'discrepancies_202401.json'), '202401', () => {})).toBeNull();
  });

  it('formats a period', () => {
    expect(periodLabel('202401')).toBe('2024-01');
  });
});

describe('summarize', () => {
  const of = (type: Discrepancy['type'], severity: Discrepancy['severity']) =>
    ({ type, severity }) as Discrepancy;

  it('counts every severity and only the types found, types in their fixed order', () => {
    const summary = summarize([
      of('timing_difference', 'low'),
      of('ghost_record', 'critical'),
      of('timing_difference', 'low'),
      of('missing_record', 'high'),
    ]);
    expect(summary).toEqual({
      total_discrepancies: 4,
      by_severity: { critical: 1, high: 1, medium: 0, low: 2 },
      by_type: { missing_record: 1, ghost_record: 1, timing_difference: 2 },
    });
    expect(Object.keys(summary.by_type)).toEqual(['missing_record', 'ghost_record', 'timing_difference']);
  });

  it('is all zeros for no discrepancies', () => {
    expect(summarize([])).toEqual({
      total_discrepancies: 0,
      by_severity: { critical: 0, high: 0, medium: 0, low: 0 },
      by_type: {},
    });
  });
});
