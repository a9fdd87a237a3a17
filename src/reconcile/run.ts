// The reconciliation engine room: loads the sources into DuckDB, runs the per-system checks, the
// comparisons and the aggregations, and classifies what it finds. Writes only the detail CSV; see job.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineOptions } from '../core/engine.js';
import { quoteIdent, withEngine } from '../core/engine.js';
import type { Logger } from '../core/log.js';
import type { AggregateResult } from './aggregate.js';
import { computeAggregation, requestAggregation } from './aggregate.js';
import type { KeyIndex } from './checks.js';
import { duplicateFindings, indexKeys, invalidValueFindings } from './checks.js';
import { classify, effectiveRules } from './classify.js';
import type { ComparisonResult } from './compare.js';
import {
  buildComparisonTable,
  comparisonFindings,
  countComparison,
  fetchImperfectRows,
  widenComparison,
} from './compare.js';
import { corroborate } from './corroborate.js';
import { writeDetailCsv } from './detail.js';
import type { LoadedSource } from './load.js';
import { loadSource, loadsTrimmed, quoteLiteral } from './load.js';
import type { Discrepancy, Finding } from './model.js';
import type { Pattern } from './patterns.js';
import { findPatterns } from './patterns.js';
import type { Plan, PlannedComparison } from './plan.js';
import type { Rules } from './rules.js';
import type { SystemFigures } from './system-summary.js';
import { requestFigures, systemFigures } from './system-summary.js';
import type { SourceTotals } from './totals.js';
import { buildTotals, TotalsRequest } from './totals.js';

/** DuckDB's memory cap: with the job's own heap this keeps a 5-million-row run under 4 GB; beyond it DuckDB spills to disk. */
export const DEFAULT_ENGINE: EngineOptions = { memoryLimit: '2500MB' };

/** Everything a run found, ready for the writers. */
export interface Findings {
  loaded: LoadedSource[];
  figures: SystemFigures[];
  comparisons: ComparisonResult[];
  aggregates: AggregateResult[];
  discrepancies: Discrepancy[];
  patterns: Pattern[];
  detailRows: number;
}

/**
 * Run every check of `plan` and write the detail CSV to `detailPath`. `whileWriting` gets the findings
 * as soon as they are known and runs (in this thread) while DuckDB writes the detail CSV on its own
 * threads; its result comes back beside the findings once the CSV is in place.
 */
export async function reconcileData<T>(
  plan: Plan,
  rules: Rules,
  headers: Map<string, string[]>,
  detailPath: string,
  logger: Logger,
  whileWriting: (findings: Findings) => T,
  engineOptions: EngineOptions = DEFAULT_ENGINE,
): Promise<{ findings: Findings; prepared: T }> {
  // Beyond its memory limit DuckDB spills to a private temp folder (not `.tmp` in the working directory).
  const spill = mkdtempSync(join(tmpdir(), 'sluice-duckdb-'));
  try {
    return await findAll(plan, rules, headers, detailPath, logger, whileWriting, engineOptions, spill);
  } finally {
    rmSync(spill, { recursive: true, force: true });
  }
}

async function findAll<T>(
  plan: Plan,
  rules: Rules,
  headers: Map<string, string[]>,
  detailPath: string,
  logger: Logger,
  whileWriting: (findings: Findings) => T,
  engineOptions: EngineOptions,
  spill: string,
): Promise<{ findings: Findings; prepared: T }> {
  return withEngine(async (engine) => {
    await engine.run(`SET temp_directory = ${quoteLiteral(spill)}`);
    // Since DuckDB 1.4 in-memory tables checkpoint automatically once enough has been written, and a
    // checkpoint rewrites every loaded source (seconds at millions of rows) in whichever statement trips it.
    // This database lives for one run and is never reopened, so checkpoints buy nothing.
    await engine.run(`SET checkpoint_threshold = '1TB'`);
    // First touch of a fresh page is dear on this kind of VM (about 1 ms per MB of system time), and by
    // default DuckDB hands freed buffers back to the system, so every sort, join and spill faulted its
    // memory in again. Buffers up to the memory cap now come from DuckDB's block allocator, which keeps
    // and reuses them (at 5M rows: about 0.5 million fewer page faults, 2.5-5 s less system time).
    if (engineOptions.memoryLimit)
      await engine.run(`SET block_allocator_memory = ${quoteLiteral(engineOptions.memoryLimit)}`);
    let lapStart = performance.now();
    let cpuStart = process.cpuUsage();
    let faultsStart = process.resourceUsage().minorPageFault;
    // Minor page faults are shown because first touch of memory is dear on the benchmark VM (system time).
    const lap = (what: string) => {
      const now = performance.now();
      const cpu = process.cpuUsage(cpuStart);
      const faults = process.resourceUsage().minorPageFault;
      logger.debug(
        `${what} took ${Math.round(now - lapStart)} ms (${Math.round(cpu.user / 1000)} ms user + ${Math.round(cpu.system / 1000)} ms system CPU, ${faults - faultsStart} minor page faults)`,
      );
      lapStart = now;
      cpuStart = process.cpuUsage();
      faultsStart = faults;
    };
    const label = (id: string) => plan.sources.find((s) => s.id === id)?.short ?? id;
    const loaded = new Map<string, LoadedSource>();
    for (const [i, source] of plan.sources.entries()) {
      const result = await loadSource(
        engine,
        source,
        `src_${i}`,
        plan.columns.get(source.id) ?? new Map(),
        headers.get(source.id) ?? [],
      );
      loaded.set(source.id, result);
      logger.info(
        `Loaded ${source.label}: ${result.rows} records from ${source.path}${result.rejects.length ? ` (${result.rejects.length} malformed rows rejected)` : ''}`,
      );
      if (result.rows === 0) logger.warn(`${source.label} file ${source.path} has no records`);
      lap(`loading ${source.id}`);
    }

    const keyIndexes = new Map<string, KeyIndex>();
    const indexFor = async (id: string, keys: string[]) => {
      const known = keyIndexes.get(`${id}|${keys.join(',')}`);
      if (known) return known;
      // The duplicates' rows carry what the duplicate findings and the gap attribution read.
      const carried = [
        plan.summary.get(id)?.status,
        ...plan.aggregations.flatMap((a) => Object.values(a.systems.get(id) ?? {}) as (string | null)[]),
      ].filter((c): c is string => typeof c === 'string');
      const index = await indexKeys(
        engine,
        loaded.get(id) as LoadedSource,
        keys,
        `dup_${keyIndexes.size}`,
        carried,
      );
      keyIndexes.set(`${id}|${keys.join(',')}`, index);
      return index;
    };
    const findings: Finding[] = [];
    const primary = new Map<string, KeyIndex>();
    for (const c of plan.comparisons) {
      const source = await indexFor(c.source.id, c.sourceKeys);
      const target = await indexFor(c.target.id, c.targetKeys);
      if (!primary.has(c.source.id)) primary.set(c.source.id, source);
      if (!primary.has(c.target.id)) primary.set(c.target.id, target);
    }
    for (const source of plan.sources) {
      const index =
        primary.get(source.id) ?? (source.key ? await indexFor(source.id, [source.key]) : undefined);
      if (!index) continue;
      primary.set(source.id, index);
      const status = plan.summary.get(source.id)?.status;
      findings.push(...(await duplicateFindings(engine, index, status)));
      findings.push(
        ...(await invalidValueFindings(
          engine,
          index.loaded,
          index.keys,
          plan.columns.get(source.id) ?? new Map(),
        )),
      );
    }
    lap('duplicate and invalid-value checks');

    // One GROUPING SETS pass per source serves every aggregation and the system figures.
    const requests = new Map(plan.sources.map((s) => [s.id, new TotalsRequest()]));
    const request = (id: string) => requests.get(id) as TotalsRequest;
    const aggregationMeasures = plan.aggregations.map((a) => requestAggregation(a, requests));
    const figureMeasures = plan.sources.map((source) => {
      const summary = plan.summary.get(source.id) ?? {
        amount: undefined,
        status: undefined,
        customer: undefined,
      };
      const statusSpec = summary.status ? plan.columns.get(source.id)?.get(summary.status) : undefined;
      return requestFigures(summary, rules.summary.completed, loadsTrimmed(statusSpec), request(source.id));
    });
    const totals = new Map<string, SourceTotals>();
    for (const [i, source] of plan.sources.entries()) {
      const table = (loaded.get(source.id) as LoadedSource).table;
      totals.set(source.id, await buildTotals(engine, request(source.id), table, `tot_${i}`));
    }
    lap('totals per source');

    const joined: { plan: PlannedComparison; table: string; imperfect: string }[] = [];
    const fetched = new Map<string, string>();
    for (const [i, c] of plan.comparisons.entries()) {
      const table = `cmp_${i}`;
      const source = await indexFor(c.source.id, c.sourceKeys);
      const target = await indexFor(c.target.id, c.targetKeys);
      joined.push({
        plan: c,
        table,
        imperfect: await buildComparisonTable(engine, c, { source, target }, table),
      });
      // Once no later comparison reads a source, its imperfect rows (for every comparison, in one scan)
      // are copied out and its table dropped, leaving the memory to the next join and the detail CSV's sort.
      for (const id of [c.source.id, c.target.id]) {
        if (plan.comparisons.slice(i + 1).some((later) => [later.source.id, later.target.id].includes(id)))
          continue;
        const uses = joined.flatMap((j) => [
          ...(j.plan.source.id === id ? [{ imperfect: j.imperfect, rid: '_s_rid' as const }] : []),
          ...(j.plan.target.id === id ? [{ imperfect: j.imperfect, rid: '_t_rid' as const }] : []),
        ]);
        const rows = `rows_${fetched.size}`;
        const from = loaded.get(id) as LoadedSource;
        await fetchImperfectRows(engine, from, plan.columns.get(id) ?? new Map(), uses, rows);
        fetched.set(id, rows);
        await engine.run(`DROP TABLE ${quoteIdent(from.table)}`);
      }
      lap(`joining ${c.name}`);
    }
    const comparisons: ComparisonResult[] = [];
    for (const { plan: c, table, imperfect: narrow } of joined) {
      const side = (id: string) => ({
        rows: fetched.get(id) as string,
        specs: plan.columns.get(id) ?? new Map(),
      });
      const imperfect = await widenComparison(engine, narrow, side(c.source.id), side(c.target.id));
      const counts = await countComparison(engine, c, table);
      const status = {
        source: plan.summary.get(c.source.id)?.status,
        target: plan.summary.get(c.target.id)?.status,
      };
      const found = await comparisonFindings(engine, c, imperfect, status);
      findings.push(...found);
      comparisons.push({ plan: c, table, imperfect, counts, findings: found });
      lap(`counting and listing ${c.name}`);
      logger.info(
        `${c.name}: ${counts.perfect}/${counts.keys} keys match perfectly, ${counts.missing} missing in ${label(c.target.id)}, ${counts.ghost} only in ${label(c.target.id)}`,
      );
    }

    const aggregates: AggregateResult[] = [];
    for (const [i, aggregation] of plan.aggregations.entries()) {
      aggregates.push(
        await computeAggregation(
          engine,
          aggregation,
          plan.truth.id,
          {
            totals,
            measures: aggregationMeasures[i],
            types: plan.columns,
            keyIndexes: primary,
            comparisons,
          },
          `agg_${i}`,
        ),
      );
      lap(`aggregation ${aggregation.name}`);
    }
    const figures: SystemFigures[] = [];
    for (const [i, source] of plan.sources.entries())
      figures.push(
        await systemFigures(engine, source.id, totals.get(source.id) as SourceTotals, figureMeasures[i]),
      );
    lap('system figures');
    // The detail CSV is DuckDB's work on its own threads; classifying and whatever the caller prepares
    // run meanwhile in this one. The CSV's promise is awaited (and its error kept) before returning.
    const detail = writeDetailCsv(engine, comparisons, detailPath).then(
      (rows) => ({ rows, failure: null }),
      (failure: unknown) => ({ rows: 0, failure }),
    );
    const ruleList = effectiveRules(rules.classification);
    const corroborated = corroborate(
      findings,
      plan.comparisons.map((c) => ({ name: c.name, source: c.source.id })),
    );
    const classified = classify(
      corroborated,
      ruleList,
      { comparisons: plan.comparisons.map((c) => c.name), systems: plan.sources.map((s) => s.id) },
      label,
    );
    const patterns = findPatterns(classified, ruleList, label);
    const discrepancies: Discrepancy[] = classified.map(({ rule: _rule, ...d }) => d);
    const result: Findings = {
      loaded: [...loaded.values()],
      figures,
      comparisons,
      aggregates,
      discrepancies,
      patterns,
      detailRows: 0,
    };
    let prepared: T;
    try {
      prepared = whileWriting(result);
    } catch (error) {
      await detail;
      throw error;
    }
    const written = await detail;
    if (written.failure) throw written.failure;
    result.detailRows = written.rows;
    lap('classification and detail CSV');
    return { findings: result, prepared };
  }, engineOptions);
}
