// `sluice collect` as a library call: load config, open or resume the run, collect each endpoint page by page,
// write the outputs, log the summary and clean up. Does not parse flags or print to stdout.

import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { isSluiceError } from '../core/errors.js';
import { isoDate, isoInstant } from '../core/format-time.js';
import { FileLogSink, Logger, type LogSink } from '../core/log.js';
import { seededRandom } from '../core/seeded-random.js';
import {
  checkBaseUrl,
  endpointNames,
  loadApiConfig,
  resolveApiKey,
  type ApiConfig,
  type EndpointName,
} from './config.js';
import { ApiClient } from './http-client.js';
import { startInProcessMock, type InProcessMockOptions } from './mock/in-process.js';
import { writeProductsJson, writeInventoryCsv, writeRejectsCsv, outputPaths } from './outputs.js';
import { collectEndpoint } from './paginator.js';
import { LogProgress, type ProgressReporter } from './progress.js';
import { RateLimiter } from './rate-limiter.js';
import { RedactingSink } from './redacting-sink.js';
import { openRun, stagedIds, statePaths } from './resume.js';
import { readStagedLines, removeStaging, StagingFile } from './staging.js';
import { removeRunState, saveRunState, sourceFingerprint, type RunState } from './state.js';
import type { ApiRecord, RejectedRecord } from './records.js';

/** Inputs of one collection run. */
export interface CollectOptions {
  /** The workspace (config/, data/, logs/, state/). */
  dir: string;
  clock: Clock;
  /** Default `<dir>/config/api_config.json`. */
  configPath?: string;
  /** Run date for the output names; default today (UTC) by the clock. */
  date?: string;
  /** Overrides `base_url` from the config. */
  baseUrl?: string;
  /** Allow sending the key over plain http to a non-loopback host. */
  allowInsecure?: boolean;
  /** Start the simulator in-process on a free loopback port and collect from it. */
  mock?: InProcessMockOptions;
  /** Extra log sinks (the console); the log file is always written. */
  sinks?: LogSink[];
  /** Default: `page 3/4` log lines. */
  progress?: ProgressReporter;
  /** Seed of the backoff jitter. */
  jitterSeed?: number;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
}

/** What a run produced. */
export interface CollectResult {
  productsPath: string;
  inventoryPath: string;
  rejectsPath: string | undefined;
  logPath: string;
  products: number;
  inventory: number;
  apiCalls: number;
  retries: number;
  resumed: boolean;
}

/** Run a collection; throws typed errors (the state stays behind so the next run resumes). */
export async function runCollect(options: CollectOptions): Promise<CollectResult> {
  const { dir, clock } = options;
  const startedMs = clock.now().getTime();
  const configPath = options.configPath ?? join(dir, 'config', 'api_config.json');
  const config = loadApiConfig(configPath);
  const apiKey = resolveApiKey(config, configPath, options.env);
  if (!options.mock) checkBaseUrl(options.baseUrl ?? config.base_url, options.allowInsecure ?? false);
  const logPath = join(dir, 'logs', 'api_collector.log');
  const sinks = [new FileLogSink(logPath, { mode: 'append' }), ...(options.sinks ?? [])];
  const logger = new Logger(
    clock,
    sinks.map((sink) => new RedactingSink(sink, apiKey)),
  );
  try {
    logger.info('Starting API data collection');
    logger.info(`Loading configuration from ${basename(configPath)}`);
    const mock = options.mock
      ? await startInProcessMock(options.mock, apiKey, config.rate_limit.requests_per_minute, clock)
      : undefined;
    try {
      const source = mock
        ? { url: mock.baseUrl, identity: mock.identity }
        : { url: options.baseUrl ?? config.base_url, identity: undefined };
      const result = await collect({ ...options, config, apiKey, logger, logPath, source });
      logger.info(
        `  Duration: ${((clock.now().getTime() - startedMs) / 1000).toFixed(1)} seconds${result.resumed ? ' (this restart)' : ''}`,
      );
      return result;
    } finally {
      await mock?.close();
    }
  } catch (error) {
    const message = isSluiceError(error) ? error.toLine() : String(error);
    logger.error(`Collection failed: ${message}`);
    throw error;
  } finally {
    logger.close();
  }
}

interface CollectContext extends CollectOptions {
  config: ApiConfig;
  apiKey: string;
  logger: Logger;
  logPath: string;
  source: { url: string; identity: string | undefined };
}

async function collect(context: CollectContext): Promise<CollectResult> {
  const { dir, clock, config, logger } = context;
  const baseUrl = checkBaseUrl(context.source.url, context.allowInsecure ?? false);
  const date = context.date ?? isoDate(clock.now());
  const fingerprint = sourceFingerprint(
    context.source.identity ?? baseUrl.href,
    config.endpoints,
    config.pagination.page_size,
  );
  const { stateDir, statePath } = statePaths(dir);
  mkdirSync(stateDir, { recursive: true });
  const { state, resumed } = openRun(dir, date, fingerprint, clock, logger);
  const prior = { calls: state.api_calls, retries: state.retries };
  const client = new ApiClient({
    baseUrl,
    apiKey: context.apiKey,
    clock,
    logger,
    random: seededRandom(context.jitterSeed ?? 1),
    rateLimiter: new RateLimiter(clock, config.rate_limit.requests_per_minute),
    timeoutMs: config.timeout_seconds * 1000,
    retry: {
      maxRetries: config.retry.max_retries,
      baseDelayMs: config.retry.base_delay_seconds * 1000,
      maxDelayMs: config.retry.max_delay_seconds * 1000,
      maxRetryAfterMs: config.retry.max_retry_after_seconds * 1000,
      fallbackRetryAfterMs: config.rate_limit.retry_after_seconds * 1000,
    },
    fetch: context.fetch,
  });
  const commit = () => {
    state.api_calls = prior.calls + client.stats.calls;
    state.retries = prior.retries + client.stats.retries;
    saveRunState(statePath, state);
  };
  saveRunState(statePath, state);
  for (const name of endpointNames) {
    const endpoint = state.endpoints[name];
    if (endpoint.status === 'completed') {
      logger.info(
        `${name}: already collected before the restart (${endpoint.records_collected} items in ${endpoint.last_page} pages)`,
      );
      continue;
    }
    const stagingPath = join(stateDir, endpoint.staging_file);
    const staging = new StagingFile(stagingPath, endpoint.staging_bytes);
    try {
      const seen = stagedIds(stagingPath, endpoint.staging_bytes);
      const progress = context.progress ?? new LogProgress(logger);
      await collectEndpoint({
        name,
        path: config.endpoints[name],
        pageSize: config.pagination.page_size,
        maxPages: config.pagination.max_pages,
        client,
        logger,
        progress,
        state: endpoint,
        staging,
        seen,
        commit,
      });
    } finally {
      staging.close();
    }
  }
  const result = writeOutputs(dir, date, state, clock);
  summarize(logger, state, prior, result);
  for (const name of endpointNames) removeStaging(join(stateDir, state.endpoints[name].staging_file));
  removeRunState(statePath);
  return { ...result, logPath: context.logPath, apiCalls: state.api_calls, retries: state.retries, resumed };
}

type Outputs = Pick<
  CollectResult,
  'productsPath' | 'inventoryPath' | 'rejectsPath' | 'products' | 'inventory'
>;

function writeOutputs(dir: string, date: string, state: RunState, clock: Clock): Outputs {
  const { stateDir } = statePaths(dir);
  const paths = outputPaths(dir, date);
  const records: Record<EndpointName, ApiRecord[]> = { products: [], inventory: [] };
  const rejects: Array<{ endpoint: EndpointName } & RejectedRecord> = [];
  for (const name of endpointNames) {
    const endpoint = state.endpoints[name];
    for (const line of readStagedLines(join(stateDir, endpoint.staging_file), endpoint.staging_bytes)) {
      if ('record' in line) records[name].push(line.record);
      else rejects.push({ endpoint: name, ...line.reject });
    }
  }
  writeProductsJson(paths.products, isoInstant(clock.now()), records.products);
  writeInventoryCsv(paths.inventory, records.inventory);
  if (rejects.length > 0) writeRejectsCsv(paths.rejects, rejects);
  return {
    productsPath: paths.products,
    inventoryPath: paths.inventory,
    rejectsPath: rejects.length > 0 ? paths.rejects : undefined,
    products: records.products.length,
    inventory: records.inventory.length,
  };
}

function summarize(
  logger: Logger,
  state: RunState,
  prior: { calls: number; retries: number },
  outputs: Outputs,
): void {
  logger.info('Collection complete. Summary:');
  logger.info(`  Products: ${outputs.products} records saved to ${basename(outputs.productsPath)}`);
  logger.info(`  Inventory: ${outputs.inventory} records saved to ${basename(outputs.inventoryPath)}`);
  const duplicates =
    state.endpoints.products.duplicates_skipped + state.endpoints.inventory.duplicates_skipped;
  if (duplicates > 0)
    logger.info(`  Duplicates skipped: ${duplicates} (same product_id on more than one page)`);
  const rejected = state.endpoints.products.records_rejected + state.endpoints.inventory.records_rejected;
  if (outputs.rejectsPath)
    logger.info(`  Rejected: ${rejected} records saved to ${basename(outputs.rejectsPath)}`);
  const before = prior.calls > 0 ? `, ${prior.calls} of them before the restart` : '';
  logger.info(
    `  Total API calls: ${state.api_calls} (${state.retries} ${state.retries === 1 ? 'retry' : 'retries'})${before}`,
  );
}
