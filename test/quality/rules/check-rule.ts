// Test helper: evaluate one rule config over a few rows through the real one-pass DuckDB query.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCsv } from '../../../src/core/csv-write.js';
import { withEngine } from '../../../src/core/engine.js';
import { validateQualityConfig } from '../../../src/quality/config.js';
import { evaluateRules } from '../../../src/quality/evaluate.js';
import type { Evaluation } from '../../../src/quality/evaluate.js';

/** Write `rows` (first column `id`) as a CSV and evaluate `rule` (without id/name/severity) on it. */
export async function evaluateRule(
  rule: Record<string, unknown>,
  header: string[],
  rows: string[][],
): Promise<Evaluation> {
  const config = validateQualityConfig(
    { rules: [{ id: 'T1', name: 'Test rule', severity: 'high', ...rule }] },
    'test.json',
  );
  const path = join(mkdtempSync(join(tmpdir(), 'sluice-rule-')), 'data.csv');
  writeFileSync(path, toCsv(header, rows));
  return withEngine((engine) =>
    evaluateRules(engine, { path, columns: header, recordIdField: header[0], rules: config.rules }),
  );
}

/** The failure reason for each value of `field` (null when it passes), one record per value. */
export async function reasonsFor(
  rule: Record<string, unknown>,
  values: readonly string[],
): Promise<(string | null)[]> {
  const rows = values.map((value, i) => [`r${String(i).padStart(3, '0')}`, value]);
  const evaluation = await evaluateRule(rule, ['id', 'value'], rows);
  const byId = new Map(evaluation.rules[0].samples.map((sample) => [sample.recordId, sample.reason]));
  return rows.map(([id]) => byId.get(id) ?? null);
}
