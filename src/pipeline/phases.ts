// Runs the three phases of one run in order (extract, transform, load), each step under the retry
// policy, honouring on_failure, then writes the rejects file. Does not record or notify; pipeline.ts does.

import { relative } from 'node:path';
import type { Clock } from '../core/clock.js';
import { Engine } from '../core/engine.js';
import type { Logger } from '../core/log.js';
import { formatCount } from '../core/text.js';
import { Datasets } from './datasets.js';
import { phaseRule } from './execution-log.js';
import type { StepMetric } from './metrics.js';
import { runPath } from './paths.js';
import type { LoadedPipeline } from './pipeline.js';
import type { RetryPolicy } from './retry.js';
import { runStep } from './step-runner.js';
import type { PipelineStep, StepContext } from './steps.js';

/** What the phases produced. */
export interface ExecutedSteps {
  steps: StepMetric[];
  outputs: string[];
  rejectsPath?: string;
}

const PHASE_DONE: Record<PipelineStep['phase'], (done: number, total: number) => string> = {
  extract: (done, total) => `Extract phase complete: ${done}/${total} sources loaded`,
  transform: (done, total) => `Transform phase complete: ${done}/${total} steps executed`,
  load: (done, total) => `Load phase complete: ${done}/${total} destinations loaded`,
};

/** Run every phase of one run; step failures are recorded in the metrics, not thrown. */
export async function executeSteps(run: {
  loaded: LoadedPipeline;
  clock: Clock;
  log: Logger;
  date: string;
  runId: string;
}): Promise<ExecutedSteps> {
  const { loaded, clock, log, date, runId } = run;
  const { config, plan, dir } = loaded;
  const policy: RetryPolicy = {
    maxRetries: config.error_handling.max_retries,
    baseDelayMs: config.error_handling.retry_delay_seconds * 1000,
  };
  const stopOnFailure = config.error_handling.on_failure === 'notify_and_stop';
  const engine = await Engine.create();
  const metrics: StepMetric[] = [];
  const outputs: string[] = [];
  try {
    const context: StepContext = {
      engine,
      log,
      clock,
      date,
      dir,
      runId,
      datasets: await Datasets.create(engine),
    };
    const phases = [plan.extractors, plan.transformers, plan.loaders] as const;
    let stopped = false;
    for (const steps of phases) {
      if (stopped || steps.length === 0) continue;
      const phase = steps[0].phase;
      log.raw('');
      log.raw(phaseRule(phase));
      let done = 0;
      for (const [index, step] of steps.entries()) {
        log.info(
          phase === 'extract'
            ? `Extracting: ${step.label()}`
            : phase === 'load'
              ? `Loading: ${step.label()}`
              : `Step ${index + 1}/${steps.length}: ${step.name}`,
        );
        const metric = await runStep(step, context, policy);
        metrics.push(metric);
        if (metric.status === 'success' || metric.status === 'absent') done += 1;
        if (metric.status === 'success' && phase === 'load')
          outputs.push(...loaderOutputs(loaded, step.name, date));
        if (metric.status === 'failed' && stopOnFailure) {
          stopped = true;
          log.error(`Stopping: on_failure is notify_and_stop`);
          break;
        }
      }
      if (!stopped) log.info(PHASE_DONE[phase](done, steps.length));
    }
    const rejectsPath = runPath(config.rejects_path, dir, date).absolute;
    const rejects = await context.datasets.writeRejects(rejectsPath);
    if (rejects === 0) return { steps: metrics, outputs };
    log.info(`Rejected rows: ${formatCount(rejects)} written to ${relative(dir, rejectsPath)}`);
    return { steps: metrics, outputs: [...outputs, rejectsPath], rejectsPath };
  } finally {
    engine.close();
  }
}

function loaderOutputs(loaded: LoadedPipeline, name: string, date: string): string[] {
  const destination = loaded.config.load.destinations.find((d) => d.name === name);
  return destination ? [runPath(destination.path, loaded.dir, date).absolute] : [];
}
