import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogProgress, TtyProgressBar } from '../../src/collect/progress.js';
import { FakeClock } from '../../src/core/clock.js';
import { Logger, MemoryLogSink } from '../../src/core/log.js';

function loggedPages(totalPages: number): number[] {
  const sink = new MemoryLogSink();
  const progress = new LogProgress(new Logger(new FakeClock(), [sink]));
  for (let page = 1; page <= totalPages; page++)
    progress.update({ endpoint: 'products', page, totalPages, records: page * 10 });
  return sink.lines.map((line) => Number(/page (\d+)\//.exec(line)?.[1]));
}

describe('LogProgress', () => {
  it.each([
    { totalPages: 4, pages: [1, 2, 3, 4] },
    { totalPages: 10, pages: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    { totalPages: 25, pages: [3, 6, 9, 12, 15, 18, 21, 24, 25] },
    { totalPages: 1000, pages: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000] },
  ])('logs about ten lines for $totalPages pages', ({ totalPages, pages }) => {
    expect(loggedPages(totalPages)).toEqual(pages);
  });
});

describe('TtyProgressBar', () => {
  it('clears the bar before a log line and draws it again after', () => {
    let written = '';
    const stream = new Writable({
      write: (chunk: Buffer, _enc, done) => ((written += chunk.toString()), done()),
    }) as unknown as NodeJS.WriteStream;
    const bar = new TtyProgressBar(stream);
    const sink = bar.wrap({ write: (_level, line) => stream.write(`${line}\n`), close: () => {} });
    bar.update({ endpoint: 'products', page: 2, totalPages: 4, records: 200 });
    sink.write('INFO', 'hello');
    bar.finish();
    const drawn = 'products   [###############---------------] page 2/4, 200 records';
    expect(written).toBe(`\r\u001b[K${drawn}\r\u001b[Khello\n${drawn}\r\u001b[K`);
  });
});
