// Runs one step under the retry policy and measures it: duration, records in/out, attempts, error.
// Does not decide whether the run goes on after a failure; the orchestrator does.

import { isSluiceError } from '../core/errors.js';
import { formatCount } from '../core/text.js';
import type { StepMetric } from './metrics.js';
import type { RetryPolicy } from './retry.js';
import { withRetry } from './retry.js';
import type { PipelineStep, StepContext } from './steps.js';

/** A short, single-line description of an error for logs and the store. */
export function errorText(error: unknown): string {
  if (isSluiceError(error)) return error.toLine();
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** Run `step` (retrying transient failures) and return its metric; never throws for step errors. */
export async function runStep(
  step: PipelineStep,
  context: StepContext,
  policy: RetryPolicy,
): Promise<StepMetric> {
  const { clock, log } = context;
  const startedAt = clock.now();
  const base = {
    name: step.name,
    type: step.type,
    phase: step.phase,
    startedAt,
    inputs: step.inputs,
    output: step.output,
    rowLevel: 'rowLevel' in step ? Boolean(step.rowLevel) : false,
  };
  const missing = step.inputs.filter(
    (input) => !step.optionalInputs.includes(input) && !context.datasets.has(input),
  );
  if (missing.length > 0) {
    const error = `skipped: needs dataset ${missing.join(', ')}, which is not available`;
    log.warn(`  ${error}`);
    return {
      ...base,
      status: 'skipped',
      attempts: 0,
      durationMs: 0,
      recordsIn: 0,
      recordsOut: 0,
      dropped: {},
      unmatched: 0,
      error,
    };
  }
  const outcome = await withRetry(
    async () => {
      await context.datasets.forgetRejects(step.name);
      return step.execute(context);
    },
    policy,
    clock,
    ({ error, retry, delayMs }) =>
      log.warn(
        `  Attempt ${retry} failed: ${errorText(error)}; retry ${retry}/${policy.maxRetries} in ${(delayMs / 1000).toFixed(1)}s`,
      ),
  );
  const durationMs = clock.now().getTime() - startedAt.getTime();
  if (!outcome.ok) {
    const error = errorText(outcome.error);
    const kind = outcome.transient ? `gave up after ${outcome.attempts} attempts` : 'permanent error';
    log.error(`  Step ${step.name} failed (${kind}): ${error}`);
    return {
      ...base,
      status: 'failed',
      attempts: outcome.attempts,
      durationMs,
      recordsIn: 0,
      recordsOut: 0,
      dropped: {},
      unmatched: 0,
      error,
    };
  }
  const result = outcome.value;
  if (outcome.attempts > 1) log.info(`  Succeeded on attempt ${outcome.attempts}`);
  log.debug(
    `  ${step.name}: ${formatCount(result.recordsIn)} in, ${formatCount(result.recordsOut)} out, ${durationMs} ms`,
  );
  return {
    ...base,
    status: result.skipped ? 'absent' : 'success',
    attempts: outcome.attempts,
    durationMs,
    recordsIn: result.recordsIn,
    recordsOut: result.recordsOut,
    dropped: result.dropped ?? {},
    unmatched: result.unmatched ?? 0,
  };
}
