// Job logging in the spec's line format (`2024-01-15 10:30:00 - INFO - message`), to a file and stderr.
// Does not decide what a job logs; layouts other than the line format pass their own `format`.

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from './clock.js';
import { writeFileAtomic } from './files.js';
import { logTimestamp } from './format-time.js';
import { LineBytes } from './line-bytes.js';
import { stripControl } from './text.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 };

/** How chatty the console is: `--verbose` shows DEBUG, `--quiet` only ERROR. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Turns one record into one line. */
export type LineFormat = (time: Date, level: LogLevel, message: string) => string;

// Jobs log thousands of lines a second: the timestamp text is made once per second, not per line.
let stampSecond = Number.NaN;
let stampText = '';

/** The spec's format: `2024-01-15 10:30:00 - INFO - message`. */
export const specLineFormat: LineFormat = (time, level, message) => {
  const second = Math.floor(time.getTime() / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stampText = logTimestamp(time);
  }
  return `${stampText} - ${level} - ${message}`;
};

/** Where log lines go. */
export interface LogSink {
  write(level: LogLevel, line: string): void;
  close(): void;
}

/** Options for a log file. */
export interface FileSinkOptions {
  /** `append` writes each line as it comes (for long or resumable runs); `replace` writes the whole file atomically on close. */
  mode: 'append' | 'replace';
  /** Lowest level written to the file; default DEBUG. */
  minLevel?: LogLevel;
}

/** A log file. In `replace` mode its lines are kept as bytes (line-bytes.ts), not strings, until close. */
export class FileLogSink implements LogSink {
  private readonly lines = new LineBytes();
  private readonly minRank: number;

  constructor(
    private readonly path: string,
    private readonly options: FileSinkOptions,
  ) {
    this.minRank = RANK[options.minLevel ?? 'DEBUG'];
    if (options.mode === 'append') mkdirSync(dirname(path), { recursive: true });
  }

  write(level: LogLevel, line: string): void {
    if (RANK[level] < this.minRank) return;
    if (this.options.mode === 'append') appendFileSync(this.path, `${line}\n`);
    else this.lines.add(`${line}\n`);
  }

  close(): void {
    if (this.options.mode === 'replace') writeFileAtomic(this.path, this.lines.all());
  }
}

/** The console mirror on stderr. */
export class ConsoleLogSink implements LogSink {
  private readonly minRank: number;

  constructor(
    verbosity: Verbosity,
    private readonly stream: NodeJS.WritableStream = process.stderr,
  ) {
    this.minRank = verbosity === 'verbose' ? RANK.DEBUG : verbosity === 'quiet' ? RANK.ERROR : RANK.INFO;
  }

  write(level: LogLevel, line: string): void {
    if (RANK[level] >= this.minRank) this.stream.write(`${line}\n`);
  }

  close(): void {}
}

/** Collects lines in memory; for tests and for jobs that embed their log elsewhere. */
export class MemoryLogSink implements LogSink {
  readonly lines: string[] = [];
  write(_level: LogLevel, line: string): void {
    this.lines.push(line);
  }
  close(): void {}
}

/** A job's logger: formats each record once and hands it to every sink. */
export class Logger {
  constructor(
    private readonly clock: Clock,
    private readonly sinks: LogSink[],
    private readonly format: LineFormat = specLineFormat,
  ) {}

  debug(message: string): void {
    this.log('DEBUG', message);
  }
  info(message: string): void {
    this.log('INFO', message);
  }
  warn(message: string): void {
    this.log('WARNING', message);
  }
  error(message: string): void {
    this.log('ERROR', message);
  }

  /** Log one record; control characters in the message are stripped so data cannot forge lines. */
  log(level: LogLevel, message: string): void {
    const line = this.format(this.clock.now(), level, stripControl(message));
    for (const sink of this.sinks) sink.write(level, line);
  }

  /** Write a line as-is (banners, blank lines) to every sink at INFO. */
  raw(line: string): void {
    for (const sink of this.sinks) sink.write('INFO', line);
  }

  /** Flush and close every sink (a `replace` file is written now). */
  close(): void {
    for (const sink of this.sinks) sink.close();
  }
}

/** A logger that discards everything; for library callers that want no output. */
export function silentLogger(clock: Clock): Logger {
  return new Logger(clock, []);
}
