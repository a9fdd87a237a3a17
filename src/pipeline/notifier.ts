// Run notifications: picks the channels for the outcome, adds "recovered" after failures, holds back
// identical failure alerts within the configured interval, and sends. A failing channel never fails the run.

import type { Clock } from '../core/clock.js';
import { isoInstant } from '../core/format-time.js';
import type { Logger } from '../core/log.js';
import type { NotificationsConfig } from './config.js';
import type { DeliveryLine } from './execution-log.js';
import { notificationLines } from './execution-log.js';
import { sendEmail } from './notifier/email.js';
import type { RunNotice } from './notifier/message.js';
import { failureSignature, headline } from './notifier/message.js';
import { sendSlack } from './notifier/slack.js';
import type { RunStore } from './run-store.js';

/** What the notifier needs besides the notice. */
export interface NotifyContext {
  config: NotificationsConfig;
  store: RunStore;
  log: Logger;
  clock: Clock;
  outboxDir: string;
  outboxShown: string;
  env?: NodeJS.ProcessEnv;
}

/** What was sent. */
export interface NotifyResult {
  message: string;
  deliveries: DeliveryLine[];
  suppressed: boolean;
}

/** Send the notice on the configured channels and write the notification block to the log. */
export async function notifyRun(notice: RunNotice, context: NotifyContext): Promise<NotifyResult> {
  const { config, store, log, clock } = context;
  const env = context.env ?? process.env;
  const channels = notice.status === 'success' ? config.on_success : config.on_failure;
  const message = headline(notice);
  const now = clock.now();
  let suppressedNote: string | undefined;
  if (notice.status !== 'success') {
    const signature = failureSignature(notice);
    const last = store.lastAlert(notice.pipeline, signature);
    const intervalMs = config.repeat_failure_interval_minutes * 60_000;
    if (last && now.getTime() - new Date(last).getTime() < intervalMs) {
      suppressedNote = `Identical failure already sent at ${last}; next reminder after ${config.repeat_failure_interval_minutes} min`;
    } else {
      store.recordAlert(notice.pipeline, signature, isoInstant(now));
    }
  }

  const deliveries: DeliveryLine[] = [{ channel: 'log', ok: true, text: message }];
  if (!suppressedNote) {
    const target = { config, outboxDir: context.outboxDir, outboxShown: context.outboxShown, clock, env };
    if (channels.includes('email')) deliveries.push(await sendEmail(notice, target));
    if (channels.includes('slack')) deliveries.push(await sendSlack(notice, target));
  }
  for (const delivery of deliveries)
    if (!delivery.ok) log.warn(`Notification channel failed: ${delivery.text}`);
  for (const line of notificationLines(message, deliveries, suppressedNote)) log.raw(line);
  return { message, deliveries, suppressed: suppressedNote !== undefined };
}
