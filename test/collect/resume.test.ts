import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageProgress, ProgressReporter } from '../../src/collect/progress.js';
import { apiConfig, collectWith, FakeClock, makeMock, makeWorkspace, START } from './helpers.js';

const config = apiConfig({
  rate_limit: { requests_per_minute: 1000 },
  pagination: { page_size: 50, max_pages: 50 },
});

/** A progress reporter that "crashes" the process right after the given number of committed pages. */
class CrashAfter implements ProgressReporter {
  private pages = 0;
  snapshot: unknown;
  constructor(
    private readonly limit: number,
    private readonly statePath: string,
  ) {}
  update(_progress: PageProgress): void {
    if (++this.pages === this.limit) {
      this.snapshot = JSON.parse(readFileSync(this.statePath, 'utf8'));
      throw new Error('simulated crash');
    }
  }
  finish(): void {}
}

function outputsOf(dir: string): string[] {
  return [
    readFileSync(join(dir, 'data', 'products_2024-01-17.json'), 'utf8'),
    readFileSync(join(dir, 'data', 'inventory_2024-01-17.csv'), 'utf8'),
  ];
}

/** The simulator with a limit the runs never reach, so every answer is a page. */
const serve = (clock: FakeClock) => makeMock(clock, { requestsPerMinute: 1000 });

const okPages = (requests: Array<{ path: string; status: number }>) =>
  requests.filter((r) => r.status === 200).map((r) => r.path);

async function uninterrupted(): Promise<{ outputs: string[]; pages: number }> {
  const clock = new FakeClock(START);
  const mock = serve(clock);
  const dir = makeWorkspace(config);
  await collectWith(dir, clock, mock.fetch);
  return { outputs: outputsOf(dir), pages: okPages(mock.requests).length };
}

describe('resume', () => {
  it('resumes from every page boundary without fetching a committed page again or changing the outputs', async () => {
    const baseline = await uninterrupted();
    expect(baseline.pages).toBeGreaterThan(10);
    for (let crashAfter = 1; crashAfter < baseline.pages; crashAfter++) {
      const dir = makeWorkspace(config);
      const statePath = join(dir, 'state', 'last_run.json');
      const clock = new FakeClock(START);
      const first = serve(clock);
      await expect(
        collectWith(dir, clock, first.fetch, { progress: new CrashAfter(crashAfter, statePath) }),
      ).rejects.toThrow('simulated crash');
      // A crash between staging a page and saving the state leaves bytes the state does not cover.
      for (const name of readdirSync(join(dir, 'state')).filter((f) => f.endsWith('.jsonl')))
        appendFileSync(join(dir, 'state', name), '{"record":{"product_id":"GHOST"}}\n');
      const second = serve(clock);
      const { result, log } = await collectWith(dir, clock, second.fetch);
      expect(result.resumed).toBe(true);
      expect(log.join('\n')).toContain('Resuming run run_20240117_100000');
      const fetchedTwice = okPages(second.requests).filter((path) => okPages(first.requests).includes(path));
      expect(fetchedTwice, `pages fetched again after a crash at page ${crashAfter}`).toEqual([]);
      expect(okPages(first.requests).length + okPages(second.requests).length).toBe(baseline.pages);
      expect(outputsOf(dir), `outputs after a crash at page ${crashAfter}`).toEqual(baseline.outputs);
    }
  });

  it('keeps the spec state shape during a run and removes state, staging and killed temp files on success', async () => {
    const dir = makeWorkspace(config);
    const statePath = join(dir, 'state', 'last_run.json');
    const clock = new FakeClock(START);
    const crash = new CrashAfter(9, statePath);
    await expect(collectWith(dir, clock, serve(clock).fetch, { progress: crash })).rejects.toThrow();
    expect(crash.snapshot).toMatchObject({
      run_id: 'run_20240117_100000',
      started_at: '2024-01-17T10:00:00Z',
      endpoints: {
        products: { status: 'completed', last_page: 7, total_pages: 7, records_collected: 350 },
        inventory: { status: 'in_progress', last_page: 2, records_collected: 100 },
      },
    });
    expect(JSON.stringify(crash.snapshot)).not.toContain('test-key');
    writeFileSync(join(dir, 'state', '.last_run.json.tmp-123-abcd'), '{"half": ');
    await collectWith(dir, clock, serve(clock).fetch);
    expect(readdirSync(join(dir, 'state'))).toEqual([]);
  });

  const staleCases: Array<{ name: string; spoil: (dir: string) => void; warning: RegExp }> = [
    {
      name: 'from another date',
      spoil: (dir) => rewriteState(dir, (s) => ({ ...s, date: '2024-01-16' })),
      warning: /it is for 2024-01-16, not 2024-01-17; starting a fresh run/,
    },
    {
      name: 'from another config',
      spoil: (dir) => rewriteState(dir, (s) => ({ ...s, source: 'someone-else' })),
      warning: /another source or config/,
    },
    {
      name: 'that is not JSON',
      spoil: (dir) => writeFileSync(join(dir, 'state', 'last_run.json'), '{oops'),
      warning: /it is not valid JSON/,
    },
    {
      name: 'whose staging file is gone',
      spoil: (dir) => rmSync(join(dir, 'state', 'products.staging.jsonl')),
      warning: /staging file state\/products\.staging\.jsonl is missing/,
    },
  ];
  it.each(staleCases)('starts fresh with a warning given a state $name', async ({ spoil, warning }) => {
    const dir = makeWorkspace(config);
    const clock = new FakeClock(START);
    await expect(
      collectWith(dir, clock, serve(clock).fetch, {
        progress: new CrashAfter(3, join(dir, 'state', 'last_run.json')),
      }),
    ).rejects.toThrow();
    spoil(dir);
    const mock = serve(clock);
    const { result, log } = await collectWith(dir, clock, mock.fetch);
    expect(result.resumed).toBe(false);
    expect(log.join('\n')).toMatch(warning);
    expect(mock.requests[0].path).toBe('/v1/products?page=1&page_size=50');
    expect(outputsOf(dir)).toEqual((await uninterrupted()).outputs);
    expect(existsSync(join(dir, 'state', 'last_run.json'))).toBe(false);
  });
});

function rewriteState(
  dir: string,
  change: (state: Record<string, unknown>) => Record<string, unknown>,
): void {
  const path = join(dir, 'state', 'last_run.json');
  writeFileSync(
    path,
    JSON.stringify(change(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)),
  );
}
