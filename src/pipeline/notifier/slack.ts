// The slack channel: an HTTP POST to an incoming-webhook URL when one is configured, otherwise the
// payload is written to logs/outbox/. Never throws, and never logs the webhook URL (it is a secret).

import { join } from 'node:path';
import { writeJsonAtomic } from '../../core/files.js';
import { safeText } from '../../core/text.js';
import type { NotificationsConfig } from '../config.js';
import type { DeliveryLine } from '../execution-log.js';
import type { RunNotice } from './message.js';
import { bodyLines } from './message.js';

/** Where the slack channel posts. */
export interface SlackTarget {
  config: NotificationsConfig;
  outboxDir: string;
  outboxShown: string;
  env: NodeJS.ProcessEnv;
  /** Give up on the webhook after this long. */
  timeoutMs?: number;
}

function webhookUrl(target: SlackTarget): string | undefined {
  const slack = target.config.slack;
  if (slack?.webhook_url) return slack.webhook_url;
  return slack?.webhook_url_env ? target.env[slack.webhook_url_env] : undefined;
}

/** Post (or simulate) the slack message for `notice`. */
export async function sendSlack(notice: RunNotice, target: SlackTarget): Promise<DeliveryLine> {
  const channels = target.config.recipients.slack;
  const shownChannels = channels.join(', ') || '(webhook default channel)';
  const payload = { channel: channels[0], text: bodyLines(notice).join('\n') };
  const url = webhookUrl(target);
  if (!url) {
    const file = `${notice.runId}-slack.json`;
    writeJsonAtomic(join(target.outboxDir, file), payload);
    return {
      channel: 'slack',
      ok: true,
      text: `Channel: ${shownChannels} (slack, simulated: ${target.outboxShown}/${file})`,
    };
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
    return { channel: 'slack', ok: true, text: `Channel: ${shownChannels} (slack, sent)` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      channel: 'slack',
      ok: false,
      text: `Channel: ${shownChannels} (slack FAILED: ${safeText(reason.replaceAll(url, '<webhook>'), 120)})`,
    };
  }
}
