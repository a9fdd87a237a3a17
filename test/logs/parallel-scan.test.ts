import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignedCuts, planTasks } from '../../src/logs/parallel-scan.js';

describe('planning the scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-logs-plan-'));
  const path = join(dir, 'access.log');
  const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(i % 97)}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const size = readFileSync(path).length;

  it('cuts a file just after newlines, in increasing order', () => {
    const bytes = readFileSync(path);
    const cuts = alignedCuts(path, size, 4);
    expect(cuts).toHaveLength(4);
    expect(cuts[0]).toBe(0);
    for (const cut of cuts.slice(1)) expect(bytes[cut - 1]).toBe(10);
    expect([...cuts].sort((a, b) => a - b)).toEqual(cuts);
  });

  it('cuts ranges of about equal size', () => {
    const [, cut, third] = alignedCuts(path, size, 3);
    expect(cut / size).toBeGreaterThan(0.33);
    expect(cut / size).toBeLessThan(0.34);
    expect(third / size).toBeGreaterThan(0.66);
    expect(third / size).toBeLessThan(0.67);
  });

  it('covers every byte exactly once and keeps .gz files whole', () => {
    const tasks = planTasks(
      [
        { path, name: 'access.log', gzip: false, size },
        { path: `${path}.gz`, name: 'access.log.gz', gzip: true, size: 10_000_000 },
      ],
      2,
    );
    expect(tasks.map((t) => [t.name, t.end - t.start > 0])).toEqual([
      ['access.log', true],
      ['access.log', true],
      ['access.log.gz', true],
    ]);
    expect(tasks[0].start).toBe(0);
    expect(tasks[0].end).toBe(tasks[1].start);
    expect(tasks[1].end).toBe(size);
  });

  it('does not split small files', () => {
    expect(planTasks([{ path, name: 'a', gzip: false, size: 1000 }], 2)).toHaveLength(1);
  });
});
