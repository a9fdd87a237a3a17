import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLogsConfig } from '../../src/logs/config.js';
import { detectAnomalies } from '../../src/logs/job.js';
import { generateLog } from '../../src/logs/generate.js';
import { dayFrom } from './cases/lines.js';

describe('generateLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-logs-gen-'));
  const make = async (name: string, seed: number) => {
    const out = join(dir, name);
    const written = await generateLog({ date: '2024-01-17', lines: 4000, seed, out });
    return { written, text: readFileSync(out, 'utf8') };
  };

  it('is reproducible from its seed and writes the requested number of lines', async () => {
    const a = await make('a.log', 5);
    const b = await make('b.log', 5);
    const c = await make('c.log', 6);
    expect(a.written).toBe(4000);
    expect(a.text.split('\n').filter(Boolean)).toHaveLength(4000);
    expect(a.text).toBe(b.text);
    expect(a.text).not.toBe(c.text);
  });

  it('has a daily curve, a few malformed lines and every kind of anomaly', async () => {
    const { text } = await make('d.log', 7);
    const day = dayFrom(text.trimEnd().split('\n'));
    expect(day.rejects.length).toBeGreaterThanOrEqual(3);
    expect(day.rejects.length).toBeLessThanOrEqual(8);
    expect(day.hours[9].requests).toBeGreaterThan(day.hours[3].requests * 5);
    const detectors = new Set(detectAnomalies(day, defaultLogsConfig()).map((a) => a.rule.detector));
    expect([...detectors].sort()).toEqual(
      expect.arrayContaining([
        'burst.requests_per_ip_per_minute',
        'endpoint.error_rate',
        'suspicious_path.path_traversal',
        'suspicious_path.sql_injection',
        'suspicious_path.xss',
        'suspicious_path.sensitive_file',
        'user_agent.attack_tool',
        'user_agent.script',
        'user_agent.bot',
      ]),
    );
  });
});
