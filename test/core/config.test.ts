import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, parseJsonText, validateConfig } from '../../src/core/config.js';
import { ConfigError, InputError } from '../../src/core/errors.js';

const schema = z.strictObject({
  name: z.string(),
  rules: z.array(z.strictObject({ id: z.string(), min: z.number().optional() })),
  thresholds: z.strictObject({ overall_min_score: z.number() }).optional(),
});

describe('parseJsonText', () => {
  it('names the source, line and column of a syntax error', () => {
    expect(() => parseJsonText('{\n  "a": 1,\n  "b": }', 'rules.json')).toThrowError(/rules\.json:3:8/);
  });

  it('reports an unexpected end at the last position', () => {
    expect(() => parseJsonText('{"a": [1, 2', 'x.json')).toThrowError(InputError);
  });
});

describe('validateConfig', () => {
  it('suggests the closest key for a typo, with its JSON path', () => {
    const data = { name: 'x', rules: [{ id: 'R1', mni: 3 }] };
    expect(() => validateConfig(schema, data, 'q.json')).toThrowError(
      /unknown key "rules\[0\]\.mni" \(did you mean "min"\?\)/,
    );
  });

  it('collects every problem into one message', () => {
    try {
      validateConfig(schema, { rules: [{ id: 1 }], thresholds: { overall_min_scor: 1 } }, 'q.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('q.json');
      expect(message).toContain('name:');
      expect(message).toContain('rules[0].id:');
      expect(message).toContain('did you mean "overall_min_score"');
    }
  });

  it('returns the parsed value when valid', () => {
    expect(validateConfig(schema, { name: 'n', rules: [] }, 'q.json')).toEqual({ name: 'n', rules: [] });
  });
});

describe('loadConfig', () => {
  it('fails with an InputError naming a missing file', () => {
    expect(() => loadConfig(schema, '/nonexistent/q.json')).toThrowError(/not found: \/nonexistent\/q\.json/);
  });

  it('reads and validates a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'a', rules: [{ id: 'R1', min: 1 }] }));
    expect(loadConfig(schema, join(dir, 'c.json')).rules[0].min).toBe(1);
  });
});
