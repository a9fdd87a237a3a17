// End-to-end runs of the built `sluice reconcile` on examples/reconcile, compared with golden files.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, expectGolden, runCli } from './harness.js';

describe('sluice reconcile', () => {
  it('reconciles the spec data, then a messier month with extended rules and a trend', () => {
    const dir = copyExample('reconcile');
    const january = runCli(['reconcile', '--period', '202401', '--dir', '.'], dir, {
      SLUICE_NOW: '2024-02-01T10:30:00Z',
    });
    expect(january.stderr).not.toMatch(/error/i);
    expect(january.code).toBe(0);
    const february = runCli(
      ['reconcile', '--period', '202402', '--rules', 'config/reconciliation_rules_extended.json'],
      dir,
      { SLUICE_NOW: '2024-03-01T10:30:00Z' },
    );
    expect(february.code).toBe(0);
    expect(readFileSync(join(dir, 'reports', 'reconciliation_summary_202402.txt'), 'utf8')).toContain(
      'TREND (vs 2024-01)',
    );
    expectGolden('reconcile', dir, 'reconcile');
  });

  it('exits 3 with one line when --fail-on finds a discrepancy that severe, after writing the outputs', () => {
    const dir = copyExample('reconcile');
    const result = runCli(['reconcile', '--period', '202401', '--fail-on', 'critical', '-q'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/1 discrepancy at or above critical/);
    expect(readFileSync(join(dir, 'audit', 'reconciliation_audit_202401.log'), 'utf8')).toMatch(
      /fail_on=critical at_or_above=1/,
    );
  });

  it('exits 2 naming the missing file and what to do', () => {
    const dir = copyExample('reconcile');
    const result = runCli(['reconcile', '--period', '202403'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /ERP file not found: .*erp_transactions_202403\.csv \(files in .*data: crm_customer_orders_202401\.csv, /,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes an input path per source from --source', () => {
    const dir = copyExample('reconcile');
    const result = runCli(
      ['reconcile', '--period', '202401', '--source', 'crm=data/crm_customer_orders_202402.csv', '-q'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'audit', 'reconciliation_audit_202401.log'), 'utf8')).toMatch(
      /input crm data\/crm_customer_orders_202402\.csv/,
    );
  });

  it.each([
    [['--fail-on', 'severe'], /--fail-on must be one of critical, high, medium, low/],
    [['--source', 'crm'], /--source expects ID=PATH/],
    [['--source', 'crn=x.csv'], /unknown source "crn" \(did you mean "crm"\?\)/],
  ])('exits 2 with one line for bad flags %j', (flags, message) => {
    const result = runCli(['reconcile', '--period', '202401', ...flags], copyExample('reconcile'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a malformed period', () => {
    const result = runCli(['reconcile', '--period', '2024-01'], copyExample('reconcile'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--period must be YYYYMM/);
  });
});
