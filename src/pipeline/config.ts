// The pipeline config (`config/pipeline_config.json`, the spec's shape) as a zod schema and its types.
// Does not check dataset references between steps; see plan.ts, which names the offending step.

import { Cron } from 'croner';
import { z } from 'zod';
import { describeIssues, loadConfig, ONE_SHOT } from '../core/config.js';
import { ConfigError } from '../core/errors.js';

const name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and underscores, starting with a letter');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write the time as HH:MM (24-hour)');
const timezone = z.string().refine(isKnownTimeZone, 'not an IANA time zone such as "UTC" or "Europe/Berlin"');

/** True when `zone` is a time zone this Node runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true; // spares loading ICU's zone data (~35 ms) in the common case
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const catchUp = z.strictObject({
  policy: z.enum(['none', 'latest', 'all']).default('latest'),
  /** With `all`: at most this many missed runs, the most recent ones. */
  limit: z.number().int().min(1).max(1000).default(7),
  /** A slot this recent still counts as on time (policy `none` runs it). */
  grace_minutes: z.number().min(0).default(15),
});

const cronExpression = z.string().refine((text) => {
  try {
    new Cron(text, { paused: true });
    return true;
  } catch {
    return false;
  }
}, 'not a valid cron expression (five fields: minute hour day month weekday)');

const schedule = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('daily'),
    time: hhmm,
    timezone: timezone.default('UTC'),
    catch_up: catchUp.optional(),
  }),
  z.strictObject({
    type: z.literal('hourly'),
    minute: z.number().int().min(0).max(59).default(0),
    timezone: timezone.default('UTC'),
    catch_up: catchUp.optional(),
  }),
  z.strictObject({
    type: z.literal('cron'),
    expression: cronExpression,
    timezone: timezone.default('UTC'),
    catch_up: catchUp.optional(),
  }),
]);

const source = z.strictObject({
  name,
  type: z.string().min(1),
  path: z.string().min(1),
  required: z.boolean().default(true),
  /** JSON only: the key holding the array of records. */
  key: z.string().min(1).optional(),
});

const transformStep = z.strictObject({
  name,
  type: z.string().min(1),
  config: z.record(z.string(), z.unknown()).default({}),
});

const destination = z.strictObject({
  name,
  type: z.string().min(1),
  path: z.string().min(1),
  table: name.optional(),
  /** The dataset to load; default: the last one produced. */
  input: name.optional(),
});

const smtp = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  user: z.string().optional(),
  /** Name of the environment variable holding the SMTP password (never the password itself). */
  password_env: z.string().optional(),
});

const channel = z.enum(['log', 'email', 'slack']);

const notifications = z.strictObject({
  on_success: z.array(channel).default(['log']),
  on_failure: z.array(channel).default(['log']),
  recipients: z
    .strictObject({ email: z.array(z.string().email()).default([]), slack: z.array(z.string()).default([]) })
    .default({ email: [], slack: [] }),
  email: z
    .strictObject({ from: z.string().email().default('sluice@localhost'), smtp: smtp.optional() })
    .optional(),
  slack: z
    .strictObject({ webhook_url: z.url().optional(), webhook_url_env: z.string().optional() })
    .optional(),
  /** Identical failures are re-sent at most once per this many minutes. */
  repeat_failure_interval_minutes: z.number().min(0).default(60),
});

/** The schema of `pipeline_config.json`. */
export const pipelineConfigSchema = z.strictObject({
  pipeline_name: name,
  version: z.string().default('1.0.0'),
  schedule: schedule.optional(),
  extract: z.strictObject({ sources: z.array(source).min(1) }),
  transform: z.strictObject({ steps: z.array(transformStep) }).default({ steps: [] }),
  load: z.strictObject({ destinations: z.array(destination).min(1) }),
  error_handling: z
    .strictObject({
      max_retries: z.number().int().min(0).max(10).default(3),
      retry_delay_seconds: z.number().min(0).default(5),
      on_failure: z.enum(['notify_and_stop', 'continue']).default('notify_and_stop'),
    })
    .default({ max_retries: 3, retry_delay_seconds: 5, on_failure: 'notify_and_stop' }),
  notifications: notifications.default({
    on_success: ['log'],
    on_failure: ['log'],
    recipients: { email: [], slack: [] },
    repeat_failure_interval_minutes: 60,
  }),
  /** Where runs, step metrics and notification state are kept; default: the first sqlite destination's path. */
  runs_db: z.string().optional(),
  /** Rows dropped by any step, with the step and reason. */
  rejects_path: z.string().default('data/output/pipeline_rejects_{date}.csv'),
});

/** A validated pipeline config. */
export type PipelineConfig = z.output<typeof pipelineConfigSchema>;
export type ScheduleConfig = NonNullable<PipelineConfig['schedule']>;
export type CatchUpPolicy = z.output<typeof catchUp>;
export type SourceConfig = PipelineConfig['extract']['sources'][number];
export type TransformStepConfig = PipelineConfig['transform']['steps'][number];
export type DestinationConfig = PipelineConfig['load']['destinations'][number];
export type NotificationsConfig = PipelineConfig['notifications'];
export type ChannelName = z.output<typeof channel>;

/** The default catch-up policy when the schedule names none. */
export const defaultCatchUp: CatchUpPolicy = { policy: 'latest', limit: 7, grace_minutes: 15 };

/** Read and validate a pipeline config file; also rejects duplicate step names. */
export function loadPipelineConfig(path: string): PipelineConfig {
  const config = loadConfig(pipelineConfigSchema, path, 'pipeline config');
  const seen = new Set<string>();
  const all = [...config.extract.sources, ...config.transform.steps, ...config.load.destinations];
  for (const step of all) {
    if (seen.has(step.name))
      throw new ConfigError(
        `invalid config ${path}: step name "${step.name}" is used twice`,
        'give every source, step and destination its own name',
      );
    seen.add(step.name);
  }
  return config;
}

/**
 * Validate a step's own `config` object with its schema, naming the step in every problem.
 * Step types call this from their factories so a typo is a config error, not a runtime surprise.
 */
export function parseStepOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  stepName: string,
): z.output<S> {
  const result = schema.safeParse(options, ONE_SHOT);
  if (result.success) return result.data;
  const problems = describeIssues(schema, result.error.issues).map((problem) =>
    problem.replace('(root): ', ''),
  );
  throw new ConfigError(
    `step "${stepName}" config: ${problems.join('; ')}`,
    "fix the step's config in the pipeline config",
  );
}

/** `daily @ 02:00 UTC`, `hourly @ :15 UTC`, `cron "0 6 * * 1" Europe/Berlin`, as the log's banner says it. */
export function describeSchedule(schedule: ScheduleConfig): string {
  switch (schedule.type) {
    case 'daily':
      return `daily @ ${schedule.time} ${schedule.timezone}`;
    case 'hourly':
      return `hourly @ :${String(schedule.minute).padStart(2, '0')} ${schedule.timezone}`;
    case 'cron':
      return `cron "${schedule.expression}" ${schedule.timezone}`;
  }
}
