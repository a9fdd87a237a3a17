// Base types for pipeline steps: what an extract, transform or load step is given and what it reports.
// Does not run steps or retry them; the orchestrator (pipeline.ts) does.

import type { Clock } from '../core/clock.js';
import type { Engine } from '../core/engine.js';
import type { Datasets } from './datasets.js';
import type { StepLog } from './execution-log.js';

/** The three phases, in the order they run. */
export type Phase = 'extract' | 'transform' | 'load';

/** Rows a step removed, by reason; they also go to the rejects file. */
export interface DropCounts {
  nulls?: number;
  duplicates?: number;
  unmatched?: number;
  invalid?: number;
  malformed?: number;
}

/** What a step reports when it finishes. */
export interface StepOutcome {
  recordsIn: number;
  recordsOut: number;
  dropped?: DropCounts;
  /** Rows a join could not match, whether dropped (inner join) or kept (left join). */
  unmatched?: number;
  /** True when the step had nothing to do (an optional source that is absent). */
  skipped?: boolean;
}

/** Everything a step may use while it runs. */
export interface StepContext {
  engine: Engine;
  log: StepLog;
  clock: Clock;
  /** The data date (`YYYY-MM-DD`) the run processes. */
  date: string;
  /** Absolute path of the workspace; config paths are relative to it. */
  dir: string;
  runId: string;
  datasets: Datasets;
}

/**
 * A pipeline step. `inputs` and `output` name datasets and are fixed when the plan is built,
 * so a reference to a dataset no earlier step produces is caught before anything runs.
 */
export abstract class PipelineStep {
  abstract readonly phase: Phase;

  constructor(
    readonly name: string,
    /** The config `type`, e.g. `csv` or `joiner`. */
    readonly type: string,
  ) {}

  /** Datasets this step reads. */
  abstract readonly inputs: readonly string[];
  /** Inputs the step can do without (a joiner's right side from an optional source). */
  readonly optionalInputs: readonly string[] = [];
  /** The dataset this step produces, if any. */
  abstract readonly output: string | undefined;

  /** Do the work. Throw a typed error on failure (transient ones are retried). */
  abstract execute(context: StepContext): Promise<StepOutcome>;

  /** `sales_orders (CSV)`, as the execution log names the step. */
  label(): string {
    return `${this.name} (${this.type.toUpperCase()})`;
  }
}

/** A step that reads a source into a dataset named after it. */
export abstract class Extractor extends PipelineStep {
  readonly phase = 'extract' as const;
  readonly inputs: readonly string[] = [];
  /** Whether a missing source fails the run (true) or is skipped with a warning. */
  abstract readonly required: boolean;
}

/** A step that turns datasets into a new dataset, inside DuckDB. */
export abstract class Transformer extends PipelineStep {
  readonly phase = 'transform' as const;
  abstract override readonly output: string;
  /** False for steps whose output is not "the records" (a summary, or only a restyling of one). */
  abstract readonly rowLevel: boolean;
}

/** A step that writes a dataset to a destination; it produces no dataset. */
export abstract class Loader extends PipelineStep {
  readonly phase = 'load' as const;
  readonly output = undefined;
}

/** A step's input: the one its config names, else the previous step's output, else the primary source. */
export function defaultInput(named: string | undefined, plan: PlanState): string {
  return named ?? plan.current ?? plan.primary;
}

/**
 * Wiring of a step that reads one dataset and, unless its config names an output, replaces it in
 * place (cleaner, formatter).
 */
export function inPlaceWiring(
  options: { input?: string; output?: string },
  plan: PlanState,
): { inputs: readonly string[]; output: string } {
  const input = defaultInput(options.input, plan);
  return { inputs: [input], output: options.output ?? input };
}

/** What a step factory knows while the plan is built. */
export interface PlanState {
  /** The dataset the previous step produced (the default input). */
  current: string | undefined;
  /** The first source: the run's primary dataset (orders). */
  primary: string;
}
