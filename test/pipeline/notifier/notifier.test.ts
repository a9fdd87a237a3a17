import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { MemoryLogSink } from '../../../src/core/log.js';
import type { NotificationsConfig } from '../../../src/pipeline/config.js';
import { executionLogger } from '../../../src/pipeline/execution-log.js';
import type { RunNotice } from '../../../src/pipeline/notifier/message.js';
import { notifyRun } from '../../../src/pipeline/notifier.js';
import { RunStore } from '../../../src/pipeline/run-store.js';
import type { Sink } from './sinks.js';
import { httpReceiver, smtpSink } from './sinks.js';

const sinks: Sink<string>[] = [];
afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.close();
});

const failure: RunNotice = {
  pipeline: 'daily_sales_pipeline',
  runId: 'RUN-1',
  runDate: '2024-01-17',
  status: 'failed',
  durationMs: 1500,
  recordsInput: 10,
  recordsOutput: 0,
  error: 'required source "sales_orders" not found',
};
const success: RunNotice = {
  ...failure,
  runId: 'RUN-2',
  status: 'success',
  error: undefined,
  recordsOutput: 12,
};

function setUp(config: Partial<NotificationsConfig>) {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-notify-'));
  const store = RunStore.open(join(dir, 'metrics.db'));
  const clock = new FakeClock('2024-01-17T02:00:00Z');
  const lines = new MemoryLogSink();
  const full: NotificationsConfig = {
    on_success: ['log', 'email'],
    on_failure: ['log', 'email', 'slack'],
    recipients: { email: ['data-team@company.com'], slack: ['#data-alerts'] },
    repeat_failure_interval_minutes: 60,
    ...config,
  };
  const context = {
    config: full,
    store,
    log: executionLogger(clock, [lines]),
    clock,
    outboxDir: join(dir, 'outbox'),
    outboxShown: 'logs/outbox',
    env: { SMTP_PASSWORD: 'hunter2' },
  };
  return { dir, store, clock, lines: lines.lines, context };
}

describe('notifier', () => {
  it('simulates email and slack in the outbox when nothing is configured', async () => {
    const { dir, context, store } = setUp({});
    const result = await notifyRun(failure, context);
    store.close();
    expect(result.deliveries.map((d) => [d.channel, d.ok])).toEqual([
      ['log', true],
      ['email', true],
      ['slack', true],
    ]);
    expect(readdirSync(join(dir, 'outbox')).sort()).toEqual(['RUN-1-email.eml', 'RUN-1-slack.json']);
    const email = readFileSync(join(dir, 'outbox', 'RUN-1-email.eml'), 'utf8');
    expect(email).toContain('Subject: [sluice] daily_sales_pipeline FAILED 2024-01-17 (RUN-1)');
    expect(email).toContain('Duration:       1.50 seconds');
    expect(email).toContain('Error:          required source "sales_orders" not found');
    expect(JSON.parse(readFileSync(join(dir, 'outbox', 'RUN-1-slack.json'), 'utf8'))).toMatchObject({
      channel: '#data-alerts',
    });
  });

  it('sends email over SMTP when a server is configured', async () => {
    const smtp = await smtpSink();
    sinks.push(smtp);
    const { context, store, lines } = setUp({
      email: {
        from: 'sluice@example.com',
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          user: 'bot',
          password_env: 'SMTP_PASSWORD',
        },
      },
    });
    const result = await notifyRun(success, context);
    store.close();
    expect(result.deliveries[1]).toEqual({
      channel: 'email',
      ok: true,
      text: `To: data-team@company.com (email, sent via 127.0.0.1:${smtp.port})`,
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toContain('Subject: [sluice] daily_sales_pipeline SUCCESS 2024-01-17 (RUN-2)');
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('posts to a slack webhook when one is configured, never logging its URL', async () => {
    const webhook = await httpReceiver();
    sinks.push(webhook);
    const url = `http://127.0.0.1:${webhook.port}/hooks/secret-token`;
    const { context, store, lines } = setUp({ slack: { webhook_url: url } });
    await notifyRun(failure, context);
    store.close();
    expect(webhook.received).toHaveLength(1);
    expect(JSON.parse(webhook.received[0])).toMatchObject({ channel: '#data-alerts' });
    expect(JSON.parse(webhook.received[0]).text).toContain('daily_sales_pipeline failed: required source');
    expect(lines.join('\n')).not.toContain('secret-token');
  });

  it('logs a failing channel and carries on', async () => {
    const webhook = await httpReceiver(500);
    sinks.push(webhook);
    const { context, store, lines } = setUp({
      slack: { webhook_url: `http://127.0.0.1:${webhook.port}/x` },
      email: { from: 'a@b.co', smtp: { host: '127.0.0.1', port: 1, secure: false } },
    });
    const result = await notifyRun(failure, context);
    store.close();
    expect(result.deliveries.map((d) => [d.channel, d.ok])).toEqual([
      ['log', true],
      ['email', false],
      ['slack', false],
    ]);
    expect(
      lines.some((line) =>
        line.includes(
          'WARN  | Notification channel failed: Channel: #data-alerts (slack FAILED: webhook answered HTTP 500)',
        ),
      ),
    ).toBe(true);
    expect(lines.map((line) => line.trim())).toContain('NOTIFICATION PARTLY FAILED');
  });

  it('holds back an identical failure within the interval, then sends it again', async () => {
    const { context, store, clock, lines } = setUp({});
    expect((await notifyRun(failure, context)).suppressed).toBe(false);
    clock.advance(59 * 60_000);
    const repeat = await notifyRun({ ...failure, runId: 'RUN-1b' }, context);
    expect(repeat.suppressed).toBe(true);
    expect(repeat.deliveries.map((d) => d.channel)).toEqual(['log']);
    expect(
      lines.some((line) => line.includes('Identical failure already sent at 2024-01-17T02:00:00Z')),
    ).toBe(true);
    expect(
      (await notifyRun({ ...failure, runId: 'RUN-1c', error: 'another error' }, context)).suppressed,
    ).toBe(false);
    clock.advance(2 * 60_000);
    expect((await notifyRun({ ...failure, runId: 'RUN-1d' }, context)).suppressed).toBe(false);
    store.close();
  });

  it('says when a run recovered', async () => {
    const { context, store } = setUp({});
    const result = await notifyRun({ ...success, recoveredAfter: 2 }, context);
    store.close();
    expect(result.message).toBe('daily_sales_pipeline recovered: completed successfully after 2 failed runs');
  });

  it('reports an email channel with no recipients as failed', async () => {
    const { context, store } = setUp({ recipients: { email: [], slack: [] } });
    const result = await notifyRun(success, context);
    store.close();
    expect(result.deliveries[1]).toMatchObject({ channel: 'email', ok: false });
  });
});
