// The customer-integration job: extract both sources, normalize, find duplicate clusters, merge, write.
// The orchestration and its log lines live here; each stage is its own module.

import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { FileLogSink, Logger } from '../core/log.js';
import type { LogSink } from '../core/log.js';
import type { IntegrateConfig } from './config.js';
import { extractCrm, extractEcommerce } from './extract.js';
import type { Extracted, RecordSink } from './extract.js';
import { findDuplicateClusters } from './match.js';
import { normalizeCustomer } from './normalize-record.js';
import type { FieldProblem } from './normalize-record.js';
import { mergeCluster } from './survivorship.js';
import type { MergedCustomer } from './survivorship.js';
import type { Customer, MatchKey } from './types.js';
import { OUTPUT_FILES, writeIntegrationOutputs } from './write-outputs.js';

/** Inputs of one integration run. */
export interface IntegrateOptions {
  crmPath: string;
  ecommercePath: string;
  outDir: string;
  config: IntegrateConfig;
  /** Run on whichever source exists instead of failing when one is missing. */
  allowMissingSource: boolean;
  clock: Clock;
  /** Extra log sinks (the CLI adds the console). */
  sinks?: LogSink[];
}

/** Counts of one run, for callers and tests. */
export interface IntegrateSummary {
  loaded: { crm: number; ecommerce: number };
  rejected: number;
  duplicatesRemoved: number;
  customers: MergedCustomer[];
  outputs: string[];
}

/** How many unusable values of each field are logged one by one before only the total is given. */
const PROBLEMS_LOGGED_PER_FIELD = 20;

/** Run the integration job end to end. Throws InputError for a missing (unless allowed) or malformed source. */
export async function runIntegration(options: IntegrateOptions): Promise<IntegrateSummary> {
  const logPath = join(options.outDir, OUTPUT_FILES.log);
  const log = new Logger(options.clock, [
    new FileLogSink(logPath, { mode: 'replace' }),
    ...(options.sinks ?? []),
  ]);
  try {
    log.info('Pipeline started');
    // Records are normalized as they are read, so the raw rows never pile up in memory.
    const customers: Customer[] = [];
    const problems: FieldProblem[] = [];
    const sink: RecordSink = (raw) =>
      customers.push(normalizeCustomer(raw, customers.length, options.config, problems));
    const crm = await loadSource(options.crmPath, () => extractCrm(options.crmPath, sink), options, log);
    const ecommerce = await loadSource(
      options.ecommercePath,
      async () => extractEcommerce(options.ecommercePath, sink),
      options,
      log,
    );
    const rejects = [...crm.rejects, ...ecommerce.rejects];
    if (rejects.length > 0)
      log.warn(`Rejected ${rejects.length} unusable records (see ${OUTPUT_FILES.rejects})`);
    log.info(`Total raw records: ${customers.length}`);
    logProblems(problems, log);

    const clusters = findDuplicateClusters(customers, options.config.match);
    const merged = clusters.groups.map((group, i) =>
      mergeCluster(
        group.map((index) => customers[index]),
        clusters.reasons,
        i + 1,
      ),
    );
    const duplicatesRemoved = merged.reduce((n, c) => n + c.removed.length, 0);
    log.info(`Duplicates found: ${duplicatesRemoved}`);
    for (const customer of merged) logMerge(customer, clusters.reasons, log);

    const outputs = writeIntegrationOutputs(options.outDir, merged, rejects);
    log.info(`Final unique customers: ${merged.length}`);
    log.info('Pipeline completed successfully');
    return {
      loaded: { crm: crm.count, ecommerce: ecommerce.count },
      rejected: rejects.length,
      duplicatesRemoved,
      customers: merged,
      outputs: [...outputs, logPath],
    };
  } catch (error) {
    log.error(`Pipeline failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    log.close();
  }
}

async function loadSource(
  path: string,
  extract: () => Promise<Extracted>,
  options: IntegrateOptions,
  log: Logger,
): Promise<Extracted> {
  if (options.allowMissingSource && !existsSync(path)) {
    log.error(`Source file not found: ${path}; continuing without it`);
    return { count: 0, rejects: [] };
  }
  const extracted = await extract();
  log.info(`Loaded ${extracted.count} records from ${basename(path)}`);
  return extracted;
}

function logProblems(problems: readonly FieldProblem[], log: Logger): void {
  const perField = new Map<string, number>();
  for (const problem of problems) {
    const seen = (perField.get(problem.field) ?? 0) + 1;
    perField.set(problem.field, seen);
    if (seen <= PROBLEMS_LOGGED_PER_FIELD)
      log.warn(`Record ${problem.sourceId}: unusable ${problem.field} '${problem.value}' set to N/A`);
  }
  for (const [field, count] of perField) {
    if (count > PROBLEMS_LOGGED_PER_FIELD)
      log.warn(`${count} unusable ${field} values in all were set to N/A`);
  }
}

function logMerge(customer: MergedCustomer, reasons: readonly (readonly MatchKey[])[], log: Logger): void {
  for (const removed of customer.removed) {
    log.warn(
      `Record ${removed.sourceId} merged with ${customer.survivor.sourceId} (duplicate ${reasons[removed.index].join('+')})`,
    );
  }
  for (const fill of customer.filled) {
    log.info(`Record ${customer.survivor.sourceId}: ${fill.field} filled from ${fill.from}`);
  }
}
