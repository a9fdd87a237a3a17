// Run metrics: what each step took and produced, and the run summary derived from them
// (phase durations, records in/out/dropped, quality metrics). Does not store or print them.

import type { DropCounts, Phase } from './steps.js';

/** How a step ended: `absent` is an optional source that was not there; `skipped` a step whose input was missing. */
export type StepStatus = 'success' | 'failed' | 'skipped' | 'absent';

/** How a run ended: `partial` when `on_failure: continue` let it finish with failed steps. */
export type RunStatus = 'success' | 'failed' | 'partial';

/** One step's measurements. */
export interface StepMetric {
  name: string;
  type: string;
  phase: Phase;
  status: StepStatus;
  attempts: number;
  startedAt: Date;
  durationMs: number;
  recordsIn: number;
  recordsOut: number;
  dropped: DropCounts;
  /** Rows a join could not match, whether dropped (inner) or kept (left). */
  unmatched: number;
  /** Datasets read and written, for the summary's output figures. */
  inputs: readonly string[];
  output?: string;
  /** False for steps that summarise rows (the aggregator): their output is not "the records". */
  rowLevel: boolean;
  error?: string;
}

/** The figures of the execution summary. */
export interface RunSummary {
  status: RunStatus;
  durationMs: number;
  phaseMs: Record<Phase, number>;
  primary: string;
  recordsInput: number;
  outputs: { name: string; rows: number }[];
  recordsDropped: number;
  quality: {
    nullsDropped: number;
    duplicatesDropped: number;
    unmatched: number;
    invalid: number;
    malformed: number;
    coveragePercent: number;
  };
  steps: readonly StepMetric[];
  error?: string;
  rejectsPath?: string;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Derive the summary from the step metrics of a finished run. */
export function summarizeRun(run: {
  status: RunStatus;
  durationMs: number;
  primary: string;
  steps: readonly StepMetric[];
  error?: string;
  rejectsPath?: string;
}): RunSummary {
  const { steps } = run;
  const phaseMs = { extract: 0, transform: 0, load: 0 };
  for (const step of steps) phaseMs[step.phase] += step.durationMs;
  const primaryStep = steps.find((step) => step.phase === 'extract' && step.output === run.primary);
  const recordsInput = primaryStep?.status === 'success' ? primaryStep.recordsOut : 0;
  const done = steps.filter((step) => step.status === 'success');
  const rowLevel = done.filter((step) => step.phase === 'transform' && step.rowLevel).at(-1);
  const loaded = done.find((step) => step.phase === 'load');
  const outputs: { name: string; rows: number }[] = [];
  if (rowLevel?.output) outputs.push({ name: rowLevel.output, rows: rowLevel.recordsOut });
  const loadedName = loaded?.inputs[0];
  if (loaded && loadedName && loadedName !== rowLevel?.output)
    outputs.push({ name: loadedName, rows: loaded.recordsIn });
  const drops = (key: keyof DropCounts) => sum(done.map((step) => step.dropped[key] ?? 0));
  const quality = {
    nullsDropped: drops('nulls'),
    duplicatesDropped: drops('duplicates'),
    unmatched: sum(done.map((step) => step.unmatched)),
    invalid: drops('invalid'),
    malformed: drops('malformed'),
    coveragePercent: 0,
  };
  const recordsDropped =
    quality.nullsDropped + quality.duplicatesDropped + drops('unmatched') + quality.invalid;
  const covered = rowLevel ? rowLevel.recordsOut : recordsInput - recordsDropped;
  quality.coveragePercent = recordsInput > 0 ? (covered / recordsInput) * 100 : 0;
  return {
    status: run.status,
    durationMs: run.durationMs,
    phaseMs,
    primary: run.primary,
    recordsInput,
    outputs,
    recordsDropped,
    quality,
    steps,
    error: run.error,
    rejectsPath: run.rejectsPath,
  };
}

/** The run's status from its step outcomes. */
export function runStatus(steps: readonly StepMetric[]): RunStatus {
  if (steps.every((step) => step.status === 'success' || step.status === 'absent')) return 'success';
  const loadedSomething = steps.some((step) => step.phase === 'load' && step.status === 'success');
  return loadedSomething ? 'partial' : 'failed';
}
