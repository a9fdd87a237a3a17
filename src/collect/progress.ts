// Progress of a collection: `page 3/4` log lines (about ten per endpoint) or a bar redrawn on a TTY.
// Does not count anything itself; the paginator reports each committed page.

import type { Logger, LogSink } from '../core/log.js';

const CLEAR_LINE = '\r\u001b[K';

/** One committed page of an endpoint. */
export interface PageProgress {
  endpoint: string;
  page: number;
  /** Pages the API says there are (capped by max_pages). */
  totalPages: number;
  records: number;
}

/** Receives progress; `finish` ends an endpoint. */
export interface ProgressReporter {
  update(progress: PageProgress): void;
  finish(): void;
}

/** Logs `products: page 3/4 (300 records)` at INFO on every page when there are few, else about every tenth. */
export class LogProgress implements ProgressReporter {
  constructor(private readonly logger: Logger) {}

  update({ endpoint, page, totalPages, records }: PageProgress): void {
    const step = Math.max(1, Math.ceil(totalPages / 10));
    if (page % step === 0 || page >= totalPages)
      this.logger.info(`${endpoint}: page ${page}/${totalPages} (${records} records)`);
  }

  finish(): void {}
}

/** A one-line bar on a terminal, redrawn in place; log lines written through `wrap` appear above it. */
export class TtyProgressBar implements ProgressReporter {
  private bar = '';

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update({ endpoint, page, totalPages, records }: PageProgress): void {
    const width = 30;
    const filled = totalPages > 0 ? Math.min(width, Math.round((page / totalPages) * width)) : width;
    this.bar = `${endpoint.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] page ${page}/${totalPages}, ${records} records`;
    this.stream.write(`${CLEAR_LINE}${this.bar}`);
  }

  finish(): void {
    if (this.bar) this.stream.write(CLEAR_LINE);
    this.bar = '';
  }

  /** A sink that lifts the bar out of the way of each line `inner` writes to the same terminal. */
  wrap(inner: LogSink): LogSink {
    return {
      write: (level, line) => {
        if (this.bar) this.stream.write(CLEAR_LINE);
        inner.write(level, line);
        if (this.bar) this.stream.write(this.bar);
      },
      close: () => inner.close(),
    };
  }
}
