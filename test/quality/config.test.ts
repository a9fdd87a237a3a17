import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { checkColumns, validateQualityConfig } from '../../src/quality/config.js';

const rule = (extra: Record<string, unknown>) => ({
  id: 'R001',
  name: 'A rule',
  severity: 'critical',
  type: 'not_null',
  field: 'customer_id',
  ...extra,
});
const calc = (extra: Record<string, unknown>) => ({
  id: 'R006',
  name: 'Calc',
  severity: 'medium',
  type: 'calculation',
  target_field: 'total',
  ...extra,
});
const columns = ['order_id', 'customer_id', 'quantity', 'unit_price', 'total'];

function problemOf(data: unknown): string {
  try {
    validateQualityConfig(data, 'rules.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('validateQualityConfig', () => {
  it('fills in default thresholds and keeps the rules in order', () => {
    const config = validateQualityConfig({ rules: [rule({})] }, 'rules.json');
    expect(config.thresholds).toEqual({
      critical_max_failures: 0,
      high_max_percent: 5,
      medium_max_percent: 10,
      overall_min_score: 90,
    });
    expect(config.rules.map((r) => r.id)).toEqual(['R001']);
  });

  it.each([
    [
      'an unknown rule type, with a suggestion',
      { rules: [rule({ type: 'not_nul' })] },
      'rules[0] (R001).type: unknown rule type "not_nul" (did you mean "not_null"?); available types: not_null, range',
    ],
    [
      'a missing rule type',
      { rules: [{ id: 'R9', name: 'x', severity: 'low' }] },
      'rules[0] (R9).type: missing rule "type"',
    ],
    [
      'a duplicate rule id',
      { rules: [rule({}), rule({})] },
      'rules[1].id: duplicate rule id "R001" (also used by rules[0])',
    ],
    [
      'a misspelt key',
      { rules: [rule({ feild: 'x' })] },
      'unknown key "rules[0] (R001).feild" (did you mean "field"?)',
    ],
    ['a bad severity', { rules: [rule({ severity: 'urgent' })] }, 'rules[0] (R001).severity:'],
    [
      'a range without bounds',
      { rules: [rule({ type: 'range' })] },
      'rules[0] (R001): a range rule needs "min", "max" or both',
    ],
    ['min above max', { rules: [rule({ type: 'range', min: 5, max: 1 })] }, '"min" must not exceed "max"'],
    [
      'a formula that does not parse',
      { rules: [calc({ formula: 'a *' })] },
      'rules[0] (R006): formula "a *" does not parse: expected a field, a number or "(" but found the end at character 4',
    ],
    [
      'a negative tolerance',
      { rules: [calc({ formula: 'a', tolerance: -1 })] },
      'rules[0] (R006).tolerance:',
    ],
    [
      'an unsupported date directive',
      { rules: [rule({ type: 'date_format', format: '%Q' })] },
      'unsupported directive %Q',
    ],
    [
      'an empty allowed list',
      { rules: [rule({ type: 'allowed_values', values: [] })] },
      'list at least one allowed value',
    ],
    ['no rules', { rules: [] }, 'rules: list at least one rule'],
    [
      'a misspelt threshold',
      { rules: [rule({})], thresholds: { high_max_percnt: 5 } },
      'unknown key "thresholds.high_max_percnt" (did you mean "high_max_percent"?)',
    ],
  ])('rejects %s', (_name, data, message) => {
    expect(problemOf(data)).toContain(message);
  });

  it('collects every problem into one message', () => {
    const message = problemOf({ rules: [rule({ type: 'nope' }), rule({ id: 'R002', severity: 'x' })] });
    expect(message).toContain('rules[0] (R001).type');
    expect(message).toContain('rules[1] (R002).severity');
  });
});

describe('checkColumns', () => {
  it('names the rule id and the missing column, suggests a spelling and lists the available columns', () => {
    const config = validateQualityConfig(
      { rules: [rule({ field: 'custmer_id' }), calc({ formula: 'quantity * unit_prise' })] },
      'rules.json',
    );
    try {
      checkColumns(config, columns, 'rules.json', 'orders.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { message, hint } = error as ConfigError;
      expect(message).toContain(
        'rules[0] (R001): column "custmer_id" is not in the data (did you mean "customer_id"?)',
      );
      expect(message).toContain(
        'rules[1] (R006): column "unit_prise" is not in the data (did you mean "unit_price"?)',
      );
      expect(hint).toBe(`available columns: ${columns.join(', ')}`);
    }
  });

  it('checks record_id_field too', () => {
    const config = validateQualityConfig({ record_id_field: 'id', rules: [rule({})] }, 'rules.json');
    expect(() => checkColumns(config, columns, 'rules.json', 'orders.csv')).toThrow(
      /record_id_field: column "id" is not in the data/,
    );
  });

  it('accepts a config whose columns all exist', () => {
    const config = validateQualityConfig({ record_id_field: 'order_id', rules: [rule({})] }, 'rules.json');
    expect(() => checkColumns(config, columns, 'rules.json', 'orders.csv')).not.toThrow();
  });
});
