import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { InputError, JobError } from '../../src/core/errors.js';
import type { TransformStepConfig } from '../../src/pipeline/config.js';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import type { StepRegistry } from '../../src/pipeline/registry.js';
import { defaultRegistry } from '../../src/pipeline/registry.js';
import { RunStore } from '../../src/pipeline/run-store.js';
import { defaultInput, Transformer } from '../../src/pipeline/steps.js';
import type { PlanState, StepContext, StepOutcome } from '../../src/pipeline/steps.js';
import { editConfig, exampleWorkspace } from './helpers.js';

/** A pass-through step that fails `failures` times first, with a transient or permanent error. */
class TroubleStep extends Transformer {
  readonly rowLevel = true;
  readonly inputs: readonly string[];
  readonly output: string;
  private calls = 0;

  constructor(
    step: TransformStepConfig,
    plan: PlanState,
    private readonly failures: number,
    private readonly transient: boolean,
  ) {
    super(step.name, step.type);
    this.inputs = [defaultInput(undefined, plan)];
    this.output = String(step.config.output ?? this.inputs[0]);
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    this.calls += 1;
    if (this.calls <= this.failures)
      throw this.transient
        ? new JobError('warehouse busy', { transient: true })
        : new InputError('schema changed: column "qty" missing');
    const rows = await context.datasets.publish(this.output, context.datasets.table(this.inputs[0]));
    return { recordsIn: rows, recordsOut: rows };
  }
}

const registry: StepRegistry = {
  ...defaultRegistry,
  transformers: {
    ...defaultRegistry.transformers,
    flaky: (step, plan) => new TroubleStep(step, plan, 2, true),
    broken: (step, plan) => new TroubleStep(step, plan, 99, false),
  },
};

function withStep(
  dir: string,
  type: string,
  config: Record<string, unknown> = {},
  onFailure: 'notify_and_stop' | 'continue' = 'notify_and_stop',
) {
  editConfig(dir, (c) => {
    c.transform.steps.splice(1, 0, { name: 'trouble', type, config });
    c.error_handling.on_failure = onFailure;
  });
}

const run = (dir: string, clock: FakeClock, date = '2024-01-17') =>
  runPipeline({ dir, clock, date, registry, env: {} });
const log = (dir: string, date = '2024-01-17') =>
  readFileSync(join(dir, 'logs', `pipeline_${date}.log`), 'utf8');
const query = (dir: string, sql: string) => {
  const db = new Database(join(dir, 'data', 'output', 'metrics.db'), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('pipeline run', () => {
  it('retries a transient failure with exponential backoff and then succeeds', async () => {
    const dir = exampleWorkspace();
    withStep(dir, 'flaky');
    const clock = new FakeClock('2024-01-17T02:00:00Z');
    const result = await run(dir, clock);
    expect(result.status).toBe('success');
    expect(clock.sleeps).toEqual([5000, 10000]);
    expect(log(dir)).toContain('WARN  |   Attempt 1 failed: warehouse busy; retry 1/3 in 5.0s');
    expect(log(dir)).toContain('INFO  |   Succeeded on attempt 3');
    expect(query(dir, `SELECT attempts, duration_ms FROM step_metrics WHERE step_name = 'trouble'`)).toEqual([
      { attempts: 3, duration_ms: 15000 },
    ]);
    expect(log(dir)).toMatch(/Transform:\s+15\.00s \(100\.0%\)/);
  });

  it('stops at a permanent failure under notify_and_stop and notifies on every failure channel', async () => {
    const dir = exampleWorkspace();
    withStep(dir, 'broken');
    const clock = new FakeClock('2024-01-17T02:00:00Z');
    const result = await run(dir, clock);
    expect(result.status).toBe('failed');
    expect(result.error).toContain('schema changed');
    expect(clock.sleeps).toEqual([]);
    expect(existsSync(join(dir, 'data', 'output', 'daily_summary_2024-01-17.csv'))).toBe(false);
    expect(log(dir)).toContain('ERROR |   Step trouble failed (permanent error): schema changed');
    expect(readdirSync(join(dir, 'logs', 'outbox')).sort()).toEqual([
      `${result.runId}-email.eml`,
      `${result.runId}-slack.json`,
    ]);
    expect(query(dir, 'SELECT status, error_message FROM pipeline_runs')).toEqual([
      { status: 'failed', error_message: result.error },
    ]);
  });

  it('goes on after a failure under continue, finishing as partial', async () => {
    const dir = exampleWorkspace();
    withStep(dir, 'broken', { output: 'side' }, 'continue');
    const result = await run(dir, new FakeClock('2024-01-17T02:00:00Z'));
    expect(result.status).toBe('partial');
    expect(existsSync(join(dir, 'data', 'output', 'daily_summary_2024-01-17.csv'))).toBe(true);
    expect(log(dir)).toContain('Status:           PARTIAL ✗');
  });

  it('skips steps whose input a failed step should have produced', async () => {
    const dir = exampleWorkspace();
    withStep(dir, 'broken', { output: 'side' }, 'continue');
    editConfig(dir, (c) => {
      c.transform.steps[2].config = { ...c.transform.steps[2].config, left: 'side' };
    });
    const result = await run(dir, new FakeClock('2024-01-17T02:00:00Z'));
    expect(result.status).toBe('failed');
    expect(log(dir)).toContain('skipped: needs dataset side, which is not available');
  });

  it('marks a run left "running" by a dead process as failed (stale) at the next start', async () => {
    const dir = exampleWorkspace();
    const store = RunStore.open(join(dir, 'data', 'output', 'metrics.db'));
    store.startRun({
      runId: 'RUN-OLD',
      pipeline: 'daily_sales_pipeline',
      runDate: '2024-01-16',
      trigger: 'manual',
      scheduledFor: null,
      startTime: '2024-01-16T02:00:00Z',
      pid: 999_999,
      host: 'gone',
    });
    store.close();
    await run(dir, new FakeClock('2024-01-17T02:00:00Z'));
    expect(query(dir, `SELECT status, error_message FROM pipeline_runs WHERE run_id = 'RUN-OLD'`)).toEqual([
      { status: 'failed', error_message: 'stale: process 999999 on gone ended without finishing the run' },
    ]);
    expect(log(dir)).toContain('WARN  | Marked stale run RUN-OLD as failed (process 999999 is gone)');
  });

  it('runs when an optional source is absent, passing rows through the join', async () => {
    const dir = exampleWorkspace();
    editConfig(dir, (c) => {
      c.extract.sources[2].required = false;
    });
    rmSync(join(dir, 'data', 'input', 'customers.csv'));
    const result = await run(dir, new FakeClock('2024-01-17T02:00:00Z'));
    expect(result.status).toBe('success');
    expect(log(dir)).toContain('Extract phase complete: 3/3 sources loaded');
    expect(log(dir)).toContain('customer_data is not available; enriched passed through without enrichment');
  });

  it('says "recovered" on the first success after failures', async () => {
    const dir = exampleWorkspace();
    const clock = new FakeClock('2024-01-17T02:00:00Z');
    expect((await run(dir, clock, '2024-01-18')).status).toBe('failed');
    clock.advance(60_000);
    const ok = await run(dir, clock);
    expect(log(dir)).toContain(
      'Message: daily_sales_pipeline recovered: completed successfully after 1 failed run',
    );
    expect(readFileSync(join(dir, 'logs', 'outbox', `${ok.runId}-email.eml`), 'utf8')).toContain(
      'Subject: [sluice] daily_sales_pipeline RECOVERED 2024-01-17',
    );
  });

  it('sends an identical failure at most once per interval', async () => {
    const dir = exampleWorkspace();
    const clock = new FakeClock('2024-01-17T02:00:00Z');
    const first = await run(dir, clock, '2024-01-18');
    clock.advance(10 * 60_000);
    const second = await run(dir, clock, '2024-01-18');
    clock.advance(60 * 60_000);
    const third = await run(dir, clock, '2024-01-18');
    const outbox = readdirSync(join(dir, 'logs', 'outbox'));
    expect(outbox.filter((f) => f.startsWith(first.runId))).toHaveLength(2);
    expect(outbox.filter((f) => f.startsWith(second.runId))).toHaveLength(0);
    expect(outbox.filter((f) => f.startsWith(third.runId))).toHaveLength(2);
    expect(log(dir, '2024-01-18')).toContain('NOTIFICATION SUPPRESSED');
  });

  it('refuses to start while another live run holds the lock', async () => {
    const dir = exampleWorkspace();
    const clock = new FakeClock('2024-01-17T02:00:00Z');
    const first = run(dir, clock);
    await expect(run(dir, clock)).rejects.toThrow('another run of this pipeline is in progress');
    expect((await first).status).toBe('success');
  });
});
