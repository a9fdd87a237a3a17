import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory, renderHistory } from '../../src/pipeline/history.js';
import { RunStore } from '../../src/pipeline/run-store.js';

describe('history', () => {
  it('lists recent runs newest first with success rates', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-hist-')), 'metrics.db');
    const store = RunStore.open(path);
    const base = { pipeline: 'p', trigger: 'manual' as const, scheduledFor: null, pid: 1, host: 'h' };
    store.startRun({ ...base, runId: 'RUN-1', runDate: '2024-01-16', startTime: '2024-01-16T02:00:00Z' });
    store.finishRun(
      'RUN-1',
      {
        endTime: '2024-01-16T02:00:05Z',
        status: 'failed',
        recordsProcessed: 0,
        recordsOutput: 0,
        durationMs: 5000,
        error: 'no input',
      },
      [],
    );
    store.startRun({ ...base, runId: 'RUN-2', runDate: '2024-01-17', startTime: '2024-01-17T02:00:00Z' });
    store.finishRun(
      'RUN-2',
      {
        endTime: '2024-01-17T02:00:07Z',
        status: 'success',
        recordsProcessed: 1247,
        recordsOutput: 12,
        durationMs: 7230,
      },
      [],
    );
    store.close();
    const text = renderHistory(readHistory(path, 'p', 1));
    expect(text).toContain('RUN-2');
    expect(text).not.toContain('RUN-1');
    expect(text).toContain('7.23s');
    expect(text).toContain('Success rate (shown):  1/1 (100.0%)');
    expect(text).toContain('Success rate (all):    1/2 (50.0%)');
    expect(renderHistory(readHistory(path, 'other', 5))).toBe('No runs recorded for other yet.\n');
    expect(readHistory(join(tmpdir(), 'no-such-dir', 'metrics.db'), 'p', 5).runs).toEqual([]);
  });
});
