// A log sink wrapper that replaces a secret (the API key) wherever it would appear in a line.
// Defence in depth: the collector never logs the key on purpose; this catches an echo from the server.

import type { LogLevel, LogSink } from '../core/log.js';

/** Wraps `inner`, writing `[redacted]` in place of `secret`. */
export class RedactingSink implements LogSink {
  constructor(
    private readonly inner: LogSink,
    private readonly secret: string,
  ) {}

  write(level: LogLevel, line: string): void {
    this.inner.write(level, this.secret ? line.replaceAll(this.secret, '[redacted]') : line);
  }

  close(): void {
    this.inner.close();
  }
}
