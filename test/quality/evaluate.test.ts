import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withEngine } from '../../src/core/engine.js';
import { validateQualityConfig } from '../../src/quality/config.js';
import { evaluateRules, unpackSample } from '../../src/quality/evaluate.js';
import { scoreEvaluation } from '../../src/quality/score.js';

const SEP = '\u0001';

describe('unpackSample', () => {
  it.each([
    [
      'a plain sample',
      `ORD1${SEP}range${SEP}${SEP}v-1${SEP}4`,
      { id: 'ORD1', code: 'range', expected: null, value: '-1' },
    ],
    [
      'a null value and an expected number',
      `A${SEP}mismatch${SEP}49.99${SEP}${SEP}1`,
      { id: 'A', code: 'mismatch', expected: 49.99, value: null },
    ],
    [
      'an empty (but not null) value',
      `A${SEP}null${SEP}${SEP}v${SEP}1`,
      { id: 'A', code: 'null', expected: null, value: '' },
    ],
    [
      'separators inside the id and the value',
      `x${SEP}y${SEP}date${SEP}${SEP}va${SEP}b${SEP}3`,
      { id: `x${SEP}y`, code: 'date', expected: null, value: `a${SEP}b` },
    ],
    [
      'an id with characters outside the BMP',
      `🚀ORD${SEP}null${SEP}${SEP}${SEP}4`,
      { id: '🚀ORD', code: 'null', expected: null, value: null },
    ],
  ])('unpacks %s', (_name, text, expected) => {
    expect(unpackSample(text)).toEqual(expected);
  });
});

async function evaluate(csv: string, config: unknown) {
  const path = join(mkdtempSync(join(tmpdir(), 'sluice-evaluate-')), 'data.csv');
  writeFileSync(path, csv);
  const parsed = validateQualityConfig(config, 'rules.json');
  const columns = csv.split('\n')[0].split(',');
  return withEngine((engine) =>
    evaluateRules(engine, {
      path,
      columns,
      recordIdField: parsed.record_id_field ?? columns[0],
      rules: parsed.rules,
    }),
  );
}

const rules = [
  { id: 'A', name: 'a', severity: 'critical', type: 'not_null', field: 'name' },
  { id: 'B', name: 'b', severity: 'medium', type: 'range', field: 'qty', min: 1 },
];

describe('evaluateRules', () => {
  it('counts failures per rule, records passing all rules and per severity, and ids in id order', async () => {
    const evaluation = await evaluate('key,name,qty\nk3,,0\nk1,x,0\nk2,y,5\nk0,z,2\n', { rules });
    expect(evaluation.parsedRecords).toBe(4);
    expect(evaluation.passingAll).toBe(2);
    expect(evaluation.passingBySeverity).toEqual({ critical: 3, medium: 2 });
    expect(evaluation.rules.map((r) => [r.failed, r.samples.map((s) => s.recordId)])).toEqual([
      [1, ['k3']],
      [2, ['k1', 'k3']],
    ]);
  });

  it('labels failures with record_id_field instead of the first column', async () => {
    const evaluation = await evaluate('key,name,qty\nk1,,3\n', { record_id_field: 'qty', rules });
    expect(evaluation.rules[0].samples[0].recordId).toBe('3');
  });

  it('rejects rows with the wrong field count and scores them as failing the SCHEMA check', async () => {
    const evaluation = await evaluate('key,name,qty\nk1,x,1\nk2,y\nk3,z,3,extra\n', { rules });
    expect(evaluation.rejects).toEqual([
      { line: 3, reason: 'expected 3 fields, found 2', raw: 'k2,y' },
      { line: 4, reason: 'expected 3 fields, found 4', raw: 'k3,z,3,extra' },
    ]);
    const scores = scoreEvaluation(evaluation);
    expect(scores.records).toBe(3);
    expect(scores.score).toBeCloseTo(100 / 3);
    expect(scores.rules[0]).toMatchObject({ id: 'SCHEMA', severity: 'critical', failed: 2, passed: 1 });
  });

  it('keeps only the first 100 failures per rule but counts them all', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `k${String(i).padStart(3, '0')},,1`);
    const evaluation = await evaluate(`key,name,qty\n${lines.join('\n')}\n`, { rules });
    expect(evaluation.rules[0].failed).toBe(250);
    expect(evaluation.rules[0].samples).toHaveLength(100);
    expect(evaluation.rules[0].samples[99].recordId).toBe('k099');
  });
});

describe('scoreEvaluation', () => {
  it('computes the overall score from records passing every rule and the checks pass rate beside it', async () => {
    const scores = scoreEvaluation(
      await evaluate('key,name,qty\nk1,,0\nk2,x,0\nk3,y,5\nk4,z,2\n', { rules }),
    );
    expect(scores.score).toBe(50);
    expect(scores.checksPassed).toBe(5);
    expect(scores.checksTotal).toBe(8);
    expect(scores.checksPassRate).toBe(62.5);
    expect(scores.severities.map((s) => [s.severity, s.score])).toEqual([
      ['critical', 75],
      ['medium', 50],
    ]);
  });
});

describe('evaluateRules with awkward column names', () => {
  it('quotes column names holding quotes, spaces and SQL', async () => {
    const csv = `"it's",a"b,"x; DROP TABLE t"\n1,,z\n2,y,\n`.replace('a"b', '"a""b"');
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-evaluate-')), 'data.csv');
    writeFileSync(path, csv);
    const columns = ["it's", 'a"b', 'x; DROP TABLE t'];
    const config = validateQualityConfig(
      {
        rules: [
          { id: 'A', name: 'a', severity: 'low', type: 'not_null', field: 'a"b' },
          { id: 'B', name: 'b', severity: 'low', type: 'not_null', field: 'x; DROP TABLE t' },
        ],
      },
      'rules.json',
    );
    const evaluation = await withEngine((engine) =>
      evaluateRules(engine, { path, columns, recordIdField: "it's", rules: config.rules }),
    );
    expect(evaluation.rules.map((r) => r.samples.map((s) => s.recordId))).toEqual([['1'], ['2']]);
  });
});
