// The customer-integration job: extract both sources, normalize, find duplicate clusters, merge, write.
// The orchestration and its log lines live here; each stage is its own module.

import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { FileLogSink, Logger } from '../core/log.js';
import type { LogSink } from '../core/log.js';
import type { IntegrateConfig } from './config.js';
import { loadSources } from './load-sources.js';
import type { LoadedSources } from './load-sources.js';
import { assembleMaster, masterLine, masterPlan } from './master-file.js';
import { findDuplicateClusters, matchedKeys } from './match.js';
import type { Clusters } from './match.js';
import type { FieldProblem } from './normalize-record.js';
import { mergeCluster } from './survivorship.js';
import type { MergedCustomer } from './survivorship.js';
import type { Customer, CustomerRows } from './types.js';
import { reasonText } from './match-reasons.js';
import { duplicateReportRow, OUTPUT_FILES, writeIntegrationOutputs } from './write-outputs.js';
import { LineBytes } from '../core/line-bytes.js';
import { csvLine } from '../core/csv-write.js';

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
  /** Read the sources on worker threads (true) or in this thread (false); by default by input size. */
  workers?: boolean;
}

/** Counts of one run, for callers and tests. */
export interface IntegrateSummary {
  loaded: { crm: number; ecommerce: number };
  rejected: number;
  duplicatesRemoved: number;
  uniqueCustomers: number;
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
    const sources = await loadSources(options, log);
    try {
      return await integrateLoaded(sources, options, log, logPath);
    } finally {
      sources.close();
    }
  } catch (error) {
    log.error(`Pipeline failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    log.close();
  }
}

/**
 * Cluster the loaded customers and write the outputs. The readers format the master lines of customers
 * alone in their cluster while this thread merges (and logs) the clusters of several.
 */
async function integrateLoaded(
  sources: LoadedSources,
  options: IntegrateOptions,
  log: Logger,
  logPath: string,
): Promise<IntegrateSummary> {
  const { customers, keyHashes, problems, rejects, loaded } = sources;
  if (rejects.length > 0)
    log.warn(`Rejected ${rejects.length} unusable records (see ${OUTPUT_FILES.rejects})`);
  log.info(`Total raw records: ${customers.count}`);
  logProblems(problems, log);

  const { match } = options.config;
  const indexing = sources.firstsByHash(matchedKeys(match));
  sources.prepareMaster();
  const byHash = await indexing;
  const clusters = findDuplicateClusters(customers, match, keyHashes, byHash);
  const duplicatesRemoved = customers.count - clusters.count;
  log.info(`Duplicates found: ${duplicatesRemoved}`);
  const parts = sources.formatMaster(masterPlan(clusters, customers.count));
  const merged = mergeDuplicates(customers, clusters, log);
  const master = assembleMaster(await parts, merged.masterLines);
  const outputs = writeIntegrationOutputs(options.outDir, master, merged.reportLines.all(), rejects);
  log.info(`Final unique customers: ${clusters.count}`);
  log.info('Pipeline completed successfully');
  return {
    loaded,
    rejected: rejects.length,
    duplicatesRemoved,
    uniqueCustomers: clusters.count,
    outputs: [...outputs, logPath],
  };
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

/** The merged clusters as the outputs need them: master lines and duplicate-report rows, in cluster order. */
interface MergedClusters {
  masterLines: LineBytes;
  /** The duplicate report's lines (header not included). */
  reportLines: LineBytes;
}

/**
 * Merge each cluster of several records, in order, and log what each merge did. Only the output text
 * is kept, so each merge's objects die young.
 */
function mergeDuplicates(customers: CustomerRows, clusters: Clusters, log: Logger): MergedClusters {
  const out: MergedClusters = { masterLines: new LineBytes(), reportLines: new LineBytes() };
  const { start, members } = clusters;
  for (let c = 0; c < clusters.count; c++) {
    if (start[c + 1] - start[c] === 1) continue;
    const group: Customer[] = [];
    for (let m = start[c]; m < start[c + 1]; m++) group.push(customers.customer(members[m]));
    const customer = mergeCluster(group, clusters.reasons, c + 1);
    logMerge(customer, clusters.reasons, log);
    out.masterLines.add(masterLine(customer.unifiedId, customer.fields, customer.sourceSystem));
    out.reportLines.add(csvLine(duplicateReportRow(customer)));
  }
  return out;
}

function logMerge(customer: MergedCustomer, reasons: Uint8Array, log: Logger): void {
  for (const removed of customer.removed) {
    log.warn(
      `Record ${removed.sourceId} merged with ${customer.survivor.sourceId} (duplicate ${reasonText(reasons[removed.index])})`,
    );
  }
  for (const fill of customer.filled) {
    log.info(`Record ${customer.survivor.sourceId}: ${fill.field} filled from ${fill.from}`);
  }
}
