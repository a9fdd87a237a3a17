import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { ConsoleLogSink, FileLogSink, Logger, MemoryLogSink } from '../../src/core/log.js';

function captured(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { stream, text: () => text };
}

describe('Logger', () => {
  it("writes the spec's line format", () => {
    const memory = new MemoryLogSink();
    new Logger(new FakeClock('2024-01-15T10:30:00Z'), [memory]).info('Pipeline started');
    expect(memory.lines).toEqual(['2024-01-15 10:30:00 - INFO - Pipeline started']);
  });

  it('strips control characters so data cannot forge log lines', () => {
    const memory = new MemoryLogSink();
    new Logger(new FakeClock(), [memory]).warn('bad\n2024-01-01 00:00:00 - INFO - forged\u001b[31m');
    expect(memory.lines).toHaveLength(1);
    expect(memory.lines[0]).not.toContain('\u001b');
  });

  it.each([
    ['quiet', ['ERROR']],
    ['normal', ['INFO', 'WARNING', 'ERROR']],
    ['verbose', ['DEBUG', 'INFO', 'WARNING', 'ERROR']],
  ] as const)('shows the right levels on the console when %s', (verbosity, levels) => {
    const out = captured();
    const log = new Logger(new FakeClock(), [new ConsoleLogSink(verbosity, out.stream)]);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    const shown = out
      .text()
      .trim()
      .split('\n')
      .map((line) => line.split(' - ')[1]);
    expect(shown).toEqual(levels);
  });

  it('writes a replace-mode file only on close, and an append-mode file at once', () => {
    const d = mkdtempSync(join(tmpdir(), 'log-'));
    const log = new Logger(new FakeClock(), [
      new FileLogSink(join(d, 'r.log'), { mode: 'replace' }),
      new FileLogSink(join(d, 'a.log'), { mode: 'append' }),
    ]);
    log.info('one');
    expect(readFileSync(join(d, 'a.log'), 'utf8')).toContain('one');
    log.close();
    expect(readFileSync(join(d, 'r.log'), 'utf8')).toBe('2024-01-01 00:00:00 - INFO - one\n');
  });

  it('keeps every line of a long replace-mode log, non-ASCII text included, in order', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'r.log');
    const log = new Logger(new FakeClock(), [new FileLogSink(path, { mode: 'replace' })]);
    const messages = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? `Zoë 日本 😀 ${i}` : `line ${i}`));
    for (const message of messages) log.warn(message);
    log.close();
    expect(readFileSync(path, 'utf8')).toBe(
      messages.map((m) => `2024-01-01 00:00:00 - WARNING - ${m}\n`).join(''),
    );
  });
});
