import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, expectGolden, repoRoot, runCli } from './harness.js';

const history = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'history', 'quality_metrics.json'), 'utf8')) as {
    days: { date: string; score: number | null }[];
  };

describe('sluice quality on examples/quality', () => {
  it('backfills three days and writes reports, alerts and history that match the golden files', () => {
    const dir = copyExample('quality');
    const result = runCli(['quality', '--all', '--dir', dir], dir);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expectGolden('quality', dir, 'quality');
  });

  it('replaces the day in the history on a re-run instead of adding a second entry', () => {
    const dir = copyExample('quality');
    expect(runCli(['quality', '--all', '--dir', dir], dir).code).toBe(0);
    expect(runCli(['quality', '--date', '2024-01-17', '--dir', dir], dir).code).toBe(0);
    expect(history(dir).days.map((day) => day.date)).toEqual(['2024-01-15', '2024-01-16', '2024-01-17']);
  });

  it.each([
    ['critical', 3],
    ['high', 3],
    ['low', 3],
  ])('exits %s -> %i with --fail-on when alerts reach that severity', (severity, code) => {
    const dir = copyExample('quality');
    const result = runCli(['quality', '--date', '2024-01-17', '--dir', dir, '--fail-on', severity], dir);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(/quality alerts at or above/);
  });

  it('exits 0 with --fail-on critical on a day whose alerts are all below critical', () => {
    const dir = copyExample('quality');
    const result = runCli(['quality', '--date', '2024-01-15', '--dir', dir, '--fail-on', 'critical'], dir);
    expect(result.code).toBe(0);
  });
});

/** A workspace with the example's config and data, plus `extra` files (path -> content). */
function workspace(extra: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-quality-edge-'));
  for (const folder of ['config', 'data'])
    cpSync(join(repoRoot, 'examples', 'quality', folder), join(dir, folder), { recursive: true });
  for (const [path, content] of Object.entries(extra)) writeFileSync(join(dir, path), content);
  return dir;
}

describe('sluice quality on bad input', () => {
  const header = 'order_id,customer_id,order_date,product_id,quantity,unit_price,total,status\n';

  it('counts rows with the wrong field count under SCHEMA and lists them in the rejects file', () => {
    const dir = workspace({
      'data/orders_2024-01-18.csv': `${header}ORD1,C1,2024-01-18,P1,1,2.5,2.5,completed\nORD2,C2,2024-01-18,P1,1,2.5,completed\nORD3,C3,2024-01-18,P1,2,2.5,5,completed,extra\n`,
    });
    const result = runCli(['quality', '--date', '2024-01-18', '--dir', dir], dir);
    expect(result.code).toBe(0);
    const rejects = readFileSync(join(dir, 'reports', 'quality_rejects_2024-01-18.csv'), 'utf8');
    expect(rejects).toContain(
      'orders_2024-01-18.csv,3,"expected 8 fields, found 7","ORD2,C2,2024-01-18,P1,1,2.5,completed"',
    );
    expect(rejects).toContain('orders_2024-01-18.csv,4,"expected 8 fields, found 9",');
    const report = readFileSync(join(dir, 'reports', 'quality_report_2024-01-18.txt'), 'utf8');
    expect(report).toMatch(/Records Analyzed: 3 \(2 rejected\)/);
    expect(report).toMatch(/SCHEMA\s+Row Matches Header\s+1\s+2\s+33\.3%\s+CRITICAL/);
    expect(report).toContain('Overall Quality Score: 33.3%');
    const alerts = JSON.parse(readFileSync(join(dir, 'alerts', 'alerts_2024-01-18.json'), 'utf8')) as {
      alerts: { rule_id: string }[];
    };
    expect(alerts.alerts[0].rule_id).toBe('SCHEMA');
  });

  it.each([
    ['an empty file', ''],
    ['a header without records', header],
  ])('reports %s without a score and raises a critical alert', (_name, content) => {
    const dir = workspace({ 'data/orders_2024-01-18.csv': content });
    const result = runCli(['quality', '--date', '2024-01-18', '--dir', dir, '--fail-on', 'critical'], dir);
    expect(result.code).toBe(3);
    const report = readFileSync(join(dir, 'reports', 'quality_report_2024-01-18.txt'), 'utf8');
    expect(report).toContain('Overall Quality Score: not computed (no records)');
    expect(report).toContain('🚨 CRITICAL: Data file has no records');
    expect(history(dir).days.at(-1)).toMatchObject({ date: '2024-01-18', score: null });
  });

  it.each([
    ['a missing data file', ['--date', '2024-01-20'], /data file not found: .*orders_2024-01-20\.csv/],
    [
      'a missing rules file',
      ['--date', '2024-01-17', '--rules', 'nope.json'],
      /quality rules file not found: .*nope\.json/,
    ],
    ['a bad date', ['--date', '2024-02-30'], /--date 2024-02-30 is not a calendar date/],
    ['no date', [], /pass --date YYYY-MM-DD, or --all/],
    ['--all with --date', ['--all', '--date', '2024-01-17'], /cannot be combined/],
  ])('exits 2 with one line for %s', (_name, args, message) => {
    const dir = copyExample('quality');
    const result = runCli(['quality', '--dir', dir, ...args], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the file, line and column of malformed rules JSON', () => {
    const dir = copyExample('quality');
    writeFileSync(join(dir, 'config', 'quality_rules.json'), '{\n  "rules": [\n    {"id": "R1",}\n  ]\n}\n');
    const result = runCli(['quality', '--dir', dir, '--date', '2024-01-17'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/malformed JSON in .*quality_rules\.json:3:/);
  });

  it('exits 2 naming the rule id and the missing column, listing the available columns', () => {
    const dir = copyExample('quality');
    const rulesPath = join(dir, 'config', 'quality_rules.json');
    writeFileSync(
      rulesPath,
      readFileSync(rulesPath, 'utf8').replace('"quantity * unit_price"', '"quantity * unit_cost"'),
    );
    const result = runCli(['quality', '--dir', dir, '--date', '2024-01-17'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rules[5] (R006): column "unit_cost" is not in the data');
    expect(result.stderr).toContain(
      'available columns: order_id, customer_id, order_date, product_id, quantity, unit_price, total, status',
    );
    expect(result.stderr).not.toMatch(/\n.*at /);
  });
});

describe('sluice quality on a file that is not CSV', () => {
  it('exits 2 naming the data file, without a stack trace', () => {
    const dir = copyExample('quality');
    const header = 'order_id,customer_id,order_date,product_id,quantity,unit_price,total,status\n';
    const garbage = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256));
    writeFileSync(join(dir, 'data', 'orders_2024-01-17.csv'), Buffer.concat([Buffer.from(header), garbage]));
    const result = runCli(['--quiet', 'quality', '--dir', dir, '--date', '2024-01-17'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read data file .*orders_2024-01-17\.csv/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
