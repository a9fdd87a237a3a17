import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { workersWanted } from '../../src/logs/scan-threads.js';

describe('scan threads started ahead', () => {
  const cores = availableParallelism();

  it('starts one per core but the main thread when --workers is not given', () => {
    expect(workersWanted(['--date', '2024-01-17'])).toBe(cores - 1);
    expect(workersWanted([])).toBe(cores - 1);
  });

  it('starts N - 1 for --workers N, in both spellings, and none for 0 or 1', () => {
    expect(workersWanted(['--workers', '3', '--date', '2024-01-17'])).toBe(2);
    expect(workersWanted(['--workers=2'])).toBe(1);
    expect(workersWanted(['--workers', '1'])).toBe(0);
    expect(workersWanted(['--workers', '0'])).toBe(0);
  });

  it('starts none for a value the CLI will reject, for help and for `logs generate`', () => {
    expect(workersWanted(['--workers', 'many'])).toBe(0);
    expect(workersWanted(['--workers'])).toBe(0);
    expect(workersWanted(['generate', '--lines', '100'])).toBe(0);
    expect(workersWanted(['--help'])).toBe(0);
  });

  it('never starts more than four per core, whatever is asked', () => {
    expect(workersWanted(['--workers', '1000'])).toBe(cores * 4 - 1);
  });
});
