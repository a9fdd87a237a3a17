// `sluice reconcile` as a library function: resolves paths and rules, runs the reconciliation, writes
// the report, the discrepancies JSON, the rejects and the audit trail, and applies --fail-on. No flag parsing.

import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Clock } from '../core/clock.js';
import { parseJsonText, validateConfig } from '../core/config.js';
import type { EngineOptions } from '../core/engine.js';
import { isSluiceError, ProblemsFoundError, UsageError } from '../core/errors.js';
import { requireFile, writeFileAtomic } from '../core/files.js';
import { writeCsvAtomic } from '../core/csv-write.js';
import type { Logger } from '../core/log.js';
import { AuditTrail, hashBytes, hashFile, previousRuns } from './audit.js';
import { recordCounts } from './audit-record.js';
import { findPreviousRun, issuesJson, summarize } from './issues-file.js';
import { readHeader } from './load.js';
import type { Discrepancy, Severity } from './model.js';
import { severityRank } from './model.js';
import type { Plan } from './plan.js';
import { buildPlan, withBreakdowns } from './plan.js';
import { renderReport } from './report.js';
import { rulesSchema } from './rules.js';
import type { Findings } from './run.js';
import { reconcileData } from './run.js';
import { resolveSources, unknownSource } from './sources.js';
import type { Source } from './sources.js';

/** Where the outputs go; each defaults to the spec's layout under the workspace. */
export interface OutputPaths {
  summary: string;
  detail: string;
  issues: string;
  audit: string;
  rejects: string;
}

/** Options of one reconciliation run. */
export interface ReconcileOptions {
  /** Workspace folder (data/, config/, reports/ ...). */
  dir: string;
  /** `YYYYMM`. */
  period: string;
  /** Rules file; default config/reconciliation_rules.json. */
  rulesPath?: string;
  /** Input path per source id, overriding the rules' patterns. */
  sourcePaths?: Record<string, string>;
  outputs?: Partial<OutputPaths>;
  /** Fail (exit 3) when a discrepancy at or above this severity is found. */
  failOn?: Severity;
  clock: Clock;
  logger: Logger;
  engine?: EngineOptions;
}

/** What a run produced. */
export interface ReconcileResult {
  outputs: OutputPaths;
  discrepancies: Discrepancy[];
  findings: Findings;
  runId: string;
}

/** Check a `YYYYMM` period. */
export function checkPeriod(period: string): void {
  if (!/^\d{4}(0[1-9]|1[0-2])$/.test(period))
    throw new UsageError(
      `--period must be YYYYMM (e.g. 202401), got "${period}"`,
      'pass the month to reconcile as six digits',
    );
}

/** The output paths for a period, with overrides. */
export function outputPaths(dir: string, period: string, overrides: Partial<OutputPaths> = {}): OutputPaths {
  const at = (path: string | undefined, fallback: string) =>
    path ? (isAbsolute(path) ? path : join(dir, path)) : join(dir, fallback);
  return {
    summary: at(overrides.summary, `reports/reconciliation_summary_${period}.txt`),
    detail: at(overrides.detail, `reports/reconciliation_detail_${period}.csv`),
    issues: at(overrides.issues, `issues/discrepancies_${period}.json`),
    audit: at(overrides.audit, `audit/reconciliation_audit_${period}.log`),
    rejects: at(overrides.rejects, `reports/reconciliation_rejects_${period}.csv`),
  };
}

/** Run the reconciliation for one period. Throws ProblemsFoundError (after writing everything) for --fail-on. */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const { dir, period, clock, logger } = options;
  checkPeriod(period);
  const rulesPath = options.rulesPath
    ? isAbsolute(options.rulesPath)
      ? options.rulesPath
      : join(dir, options.rulesPath)
    : join(dir, 'config', 'reconciliation_rules.json');
  requireFile(rulesPath, 'rules file', 'pass --rules or create config/reconciliation_rules.json');
  const rulesText = readFileSync(rulesPath, 'utf8');
  const rules = validateConfig(rulesSchema, parseJsonText(rulesText, rulesPath), rulesPath);
  const outputs = outputPaths(dir, period, options.outputs);
  const shown = (path: string) => (relative(dir, path).startsWith('..') ? path : relative(dir, path));
  const runNumber = previousRuns(outputs.audit) + 1;
  const runId = `RECON-${period}-${String(runNumber).padStart(3, '0')}`;
  const audit = new AuditTrail(outputs.audit, clock);
  audit.record(`RUN START ${runId} period=${period} dir=${relative(process.cwd(), dir) || '.'}`);
  audit.record(`rules ${shown(rulesPath)} sha256=${hashBytes(rulesText)}`);
  try {
    const sources = resolveSources(rules, dir, period, options.sourcePaths);
    const ids = [rules.truth, ...rules.comparisons.flatMap((c) => [c.source, c.target])].filter(
      (id, i, all) => all.indexOf(id) === i,
    );
    ids.forEach((id) => {
      if (!sources.has(id)) throw unknownSource(id, `${rulesPath}: comparison or truth`, [...sources.keys()]);
    });
    const headers = new Map(ids.map((id) => [id, readHeader(sources.get(id) as Source)]));
    const plan = buildPlan(withBreakdowns(rules, headers.get(rules.truth) ?? []), sources, headers);
    const hashes = new Map(plan.sources.map((s) => [s.id, hashFile(s.path)]));
    const label = (id: string, long = false) => {
      const source = sources.get(id);
      return (long ? source?.label : source?.short) ?? id;
    };
    // The JSON and the report are rendered while DuckDB writes the detail CSV, and written after it.
    const { findings, prepared: texts } = await reconcileData(
      plan,
      rules,
      headers,
      outputs.detail,
      logger,
      (found) => renderTexts(found, { plan, period, runNumber, clock, label, outputs, logger, shown }),
      options.engine,
    );
    for (const loaded of findings.loaded) {
      audit.record(
        `input ${loaded.source.id} ${shown(loaded.source.path)} sha256=${await hashes.get(loaded.source.id)} rows=${loaded.rows} rejected=${loaded.rejects.length}`,
      );
    }
    const rejects = findings.loaded.flatMap((l) => l.rejects);
    if (rejects.length > 0) {
      writeCsvAtomic(
        outputs.rejects,
        ['source', 'line', 'reason', 'raw'],
        rejects.map((r) => [r.source, r.line, r.reason, r.raw]),
      );
      logger.warn(`${rejects.length} malformed rows rejected; see ${outputs.rejects}`);
    }
    const { discrepancies } = findings;
    writeFileAtomic(outputs.issues, texts.issues);
    writeFileAtomic(outputs.summary, texts.summary);
    recordCounts(audit, findings, label);
    const summary = summarize(discrepancies);
    logger.info(
      `${summary.total_discrepancies} discrepancies (critical ${summary.by_severity.critical}, high ${summary.by_severity.high}, medium ${summary.by_severity.medium}, low ${summary.by_severity.low})`,
    );
    const written = [
      outputs.summary,
      outputs.detail,
      outputs.issues,
      ...(rejects.length > 0 ? [outputs.rejects] : []),
    ];
    for (const path of written) audit.record(`output ${shown(path)}`);
    const failing = options.failOn
      ? discrepancies.filter((d) => severityRank(d.severity) <= severityRank(options.failOn as Severity))
          .length
      : 0;
    audit.record(
      `RUN END ${runId} outcome=${discrepancies.length === 0 ? 'RECONCILED' : 'ISSUES FOUND'}${options.failOn ? ` fail_on=${options.failOn} at_or_above=${failing}` : ''}`,
    );
    audit.flush();
    if (failing > 0) {
      throw new ProblemsFoundError(
        `${failing} discrepanc${failing === 1 ? 'y' : 'ies'} at or above ${options.failOn} severity in ${period}`,
        `see ${outputs.summary}`,
      );
    }
    return { outputs, discrepancies, findings, runId };
  } catch (error) {
    if (!(error instanceof ProblemsFoundError)) {
      audit.record(
        `RUN FAILED ${runId}: ${isSluiceError(error) ? error.toLine() : error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        'ERROR',
      );
      audit.flush();
    }
    throw error;
  }
}

/** What rendering the issues JSON and the report needs besides the findings. */
interface RenderContext {
  plan: Plan;
  period: string;
  runNumber: number;
  clock: Clock;
  label: (id: string, long?: boolean) => string;
  outputs: OutputPaths;
  logger: Logger;
  shown: (path: string) => string;
}

/** The discrepancies JSON (as writeJsonAtomic would write it) and the summary report, as text. */
function renderTexts(findings: Findings, context: RenderContext): { issues: string; summary: string } {
  const { plan, period, runNumber, clock, label, outputs, logger, shown } = context;
  const { discrepancies } = findings;
  const previous = findPreviousRun(outputs.issues, period, (m) => logger.warn(m));
  const keyNames = (d: Discrepancy) =>
    d.comparison !== null
      ? (plan.comparisons.find((c) => c.name === d.comparison)?.sourceKeys ?? [])
      : (plan.comparisons.find((c) => c.source.id === d.source)?.sourceKeys ??
        plan.comparisons.find((c) => c.target.id === d.source)?.targetKeys ??
        []);
  const issues = issuesJson(discrepancies, findings.comparisons, findings.aggregates, {
    period,
    runNumber,
    generatedAt: clock.now(),
    label,
    keyNames,
    types: plan.columns,
  });
  const keyTitle =
    plan.comparisons[0]?.sourceKeys.join('|') === 'transaction_id'
      ? 'Transaction'
      : (plan.comparisons[0]?.sourceKeys.join('|') ?? 'Key');
  const summary = renderReport({
    period,
    runAt: clock.now(),
    truth: plan.truth.id,
    label,
    keyTitle,
    figures: findings.figures,
    rejectCounts: findings.loaded.map((l) => l.rejects.length),
    comparisons: findings.comparisons,
    aggregates: findings.aggregates,
    discrepancies,
    patterns: findings.patterns,
    previous,
    issuesFile: shown(outputs.issues),
  });
  return { issues: `${JSON.stringify(issues, null, 2)}\n`, summary };
}
