// The `sluice logs` job: find the day's logs, scan them in parallel, merge, detect anomalies, compare
// with yesterday's summary and write every output. Flag parsing and exit codes belong to the CLI.

import { join, relative } from 'node:path';
import type { Clock } from '../core/clock.js';
import { UsageError } from '../core/errors.js';
import { isIsoDate } from '../core/format-time.js';
import type { Logger } from '../core/log.js';
import { formatCount } from '../core/text.js';
import type { Anomaly, Severity } from './anomaly.js';
import { hasSeverityAtLeast, rankAnomalies } from './anomaly.js';
import type { LogsConfig } from './config.js';
import { loadLogsConfig } from './config.js';
import { detectAgents, detectBursts, detectEndpointErrors, detectSuspiciousPaths } from './detectors.js';
import { explicitInputs, findDayLogs } from './inputs.js';
import type { DayMetrics } from './merge.js';
import { mergeParts } from './merge.js';
import type { OutputKind } from './outputs.js';
import { outputPath, writeDayOutputs } from './outputs.js';
import { scanInputs } from './parallel-scan.js';
import { renderReport } from './report.js';
import type { DaySummary, PreviousDay } from './summary.js';
import { previousDate, readPreviousSummary, summarizeDay } from './summary.js';

/** What the job needs. */
export interface LogsJobOptions {
  /** The workspace (holds logs/, config/, and receives reports/, metrics/, alerts/). */
  dir: string;
  /** The report date, YYYY-MM-DD. */
  date: string;
  /** Explicit log files instead of logs/access_<date>.log*. */
  inputs?: readonly string[];
  /** Config file; default `<dir>/config/logs.json` when it exists. */
  configPath?: string;
  clock: Clock;
  logger: Logger;
  /** Threads that scan, this one included (0 or 1: this thread only); default one per core. */
  workers?: number;
  /** Inputs smaller than this many bytes are scanned in this thread. */
  minParallelBytes?: number;
}

/** What the job produced. */
export interface LogsJobResult {
  day: DayMetrics;
  anomalies: Anomaly[];
  summary: DaySummary;
  previous: PreviousDay;
  outputs: Record<OutputKind, string>;
}

/** Every anomaly of the day, ranked and numbered. */
export function detectAnomalies(day: DayMetrics, config: LogsConfig): Anomaly[] {
  return rankAnomalies([
    ...detectSuspiciousPaths(day, config),
    ...detectBursts(day, config),
    ...detectEndpointErrors(day, config),
    ...detectAgents(day, config),
  ]);
}

/** Run the job for one day. */
export async function runLogsJob(options: LogsJobOptions): Promise<LogsJobResult> {
  const { dir, date, logger } = options;
  if (!isIsoDate(date))
    throw new UsageError(
      `--date must be a real date written YYYY-MM-DD, got "${date}"`,
      'for example --date 2024-01-17',
    );
  const config = await loadLogsConfig(options.configPath, join(dir, 'config', 'logs.json'));
  const files =
    options.inputs && options.inputs.length > 0
      ? explicitInputs(options.inputs)
      : findDayLogs(join(dir, 'logs'), date);
  logger.info(`Analyzing ${files.length} log file(s) for ${date}: ${files.map((f) => f.name).join(', ')}`);

  const started = Date.now();
  const scanOptions = { workers: options.workers, minParallelBytes: options.minParallelBytes };
  const burstThreshold = config.thresholds.requests_per_ip_per_minute;
  let parts = await scanInputs(files, { config, date }, scanOptions);
  let day = mergeParts(parts, burstThreshold);
  if (!day.burstsExact) {
    logger.warn(
      'Log timestamps are far out of order; scanning again to count requests per IP and minute exactly',
    );
    parts = await scanInputs(files, { config, date, keepAllIpMinutes: true }, scanOptions);
    day = mergeParts(parts, burstThreshold);
  }
  logger.debug(
    `Scanned ${formatCount(day.lines)} lines in ${parts.length} part(s) in ${Date.now() - started} ms`,
  );
  logger.info(
    `Parsed ${formatCount(day.requests)} requests; ${formatCount(day.rejects.length)} malformed line(s)`,
  );
  if (day.outsideDay > 0)
    logger.warn(
      `${formatCount(day.outsideDay)} request(s) fall outside ${date} in report time (counted by time of day)`,
    );

  const anomalies = detectAnomalies(day, config);
  const summary = summarizeDay(date, day, anomalies, config);
  const previousPath = outputPath(dir, 'summary', previousDate(date));
  const previous = await readPreviousSummary(previousPath);
  if (previous.kind === 'missing')
    logger.info(`No summary for the previous day (${relative(dir, previousPath)}); comparison skipped`);
  if (previous.kind === 'unreadable') logger.warn(`Previous day summary ignored: ${previous.reason}`);

  const report = renderReport({
    date,
    day,
    summary,
    previous,
    anomalies,
    config,
    rejectsPath: relative(dir, outputPath(dir, 'rejects', date)),
    previousPath: relative(dir, previousPath),
  });
  const outputs = writeDayOutputs(dir, { date, day, anomalies, summary, report });
  logger.info(
    `Found ${anomalies.length} anomalies (${Object.entries(summary.anomalies)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')})`,
  );
  return { day, anomalies, summary, previous, outputs };
}

/** True when the run should fail `--fail-on severity`. */
export function failsOn(result: LogsJobResult, severity: Severity | undefined): boolean {
  return severity !== undefined && hasSeverityAtLeast(result.anomalies, severity);
}
