import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLogsConfig } from '../../src/logs/config.js';
import { mergeParts } from '../../src/logs/merge.js';
import type { DayMetrics } from '../../src/logs/merge.js';
import { planTasks } from '../../src/logs/parallel-scan.js';
import { RangeBoard } from '../../src/logs/range-board.js';
import { inInputOrder, scanShare } from '../../src/logs/scan-share.js';
import type { PlacedPart } from '../../src/logs/scan-share.js';
import { scanTask } from '../../src/logs/scan-task.js';

const path = 'examples/logs/logs/access_2024-01-17.log';
const file = { path, name: 'access_2024-01-17.log', gzip: false, size: statSync(path).size };
const settings = { config: defaultLogsConfig(), date: '2024-01-17' };
const threshold = settings.config.thresholds.requests_per_ip_per_minute;

// The day as its outputs see it: the IPs as tallies sorted by address, since the day's numbering of
// IPs and the size of its tables depend on how the file was cut.
const view = (day: DayMetrics) => ({
  ...day,
  ips: Array.from({ length: day.ips.size }, (_, n) => day.ips.tally(n)).sort((a, b) =>
    a.ip < b.ip ? -1 : 1,
  ),
});

describe('scanning a share with stolen ranges', () => {
  it('gives the same day as one part, however many ranges the file is cut into', async () => {
    const whole = view(mergeParts([await scanTask(planTasks([file], 1)[0], settings)], threshold));
    for (const cold of [20_000, 60_000, 150_000]) {
      const tasks = planTasks([file], 1);
      const board = RangeBoard.create(tasks, 32);
      // Another thread took the only task and has not read any of it yet: this thread's share is
      // all stolen ranges, cut from the back of that task's range while it is worth it.
      expect(board.takeTask()).toBe(0);
      const placed: PlacedPart[] = [];
      await scanShare(tasks, settings, board, cold, (part) => placed.push(part));
      expect(placed.length).toBeGreaterThan(cold < 100_000 ? 2 : 0);
      expect(placed.every((p) => p.task === 0 && p.start > 0)).toBe(true);
      // The task's owner then reads what is left of its range, up to the first cut.
      placed.push({
        task: 0,
        start: 0,
        part: await scanTask(tasks[0], settings, (size) => board.claim(0, size)),
      });
      const day = mergeParts(
        placed.sort(inInputOrder).map((p) => p.part),
        threshold,
      );
      expect(view(day)).toEqual(whole);
    }
  });

  it('orders parts by task, then by where they start in the file', () => {
    const part = (task: number, start: number) => ({ task, start }) as PlacedPart;
    expect([part(1, 0), part(0, 900), part(0, 0), part(1, 50)].sort(inInputOrder)).toEqual([
      part(0, 0),
      part(0, 900),
      part(1, 0),
      part(1, 50),
    ]);
  });
});
