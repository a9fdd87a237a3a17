// The email channel: over SMTP with nodemailer when a server is configured, otherwise written to
// logs/outbox/ as a simulated message. Never throws; a failure comes back as a failed delivery.

import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { writeFileAtomic } from '../../core/files.js';
import { safeText } from '../../core/text.js';
import type { NotificationsConfig } from '../config.js';
import type { DeliveryLine } from '../execution-log.js';
import type { RunNotice } from './message.js';
import { bodyLines, subject } from './message.js';

/** Where the email channel sends and how. */
export interface EmailTarget {
  config: NotificationsConfig;
  outboxDir: string;
  /** How `outboxDir` is shown in the log. */
  outboxShown: string;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

/** Send (or simulate) the email for `notice`. */
export async function sendEmail(notice: RunNotice, target: EmailTarget): Promise<DeliveryLine> {
  const recipients = target.config.recipients.email;
  if (recipients.length === 0)
    return {
      channel: 'email',
      ok: false,
      text: 'Email: no recipients configured (notifications.recipients.email)',
    };
  const from = target.config.email?.from ?? 'sluice@localhost';
  const to = recipients.join(', ');
  const smtp = target.config.email?.smtp;
  const text = `${bodyLines(notice).join('\n')}\n`;
  if (!smtp) {
    const file = `${notice.runId}-email.eml`;
    const headers = [
      `From: ${from}`,
      `To: ${to}`,
      `Subject: ${subject(notice)}`,
      `Date: ${target.clock.now().toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
    ];
    writeFileAtomic(join(target.outboxDir, file), `${headers.join('\n')}\n\n${text}`);
    return {
      channel: 'email',
      ok: true,
      text: `To: ${to} (email, simulated: ${target.outboxShown}/${file})`,
    };
  }
  try {
    const password = smtp.password_env ? target.env[smtp.password_env] : undefined;
    if (smtp.password_env && password === undefined)
      throw new Error(`environment variable ${smtp.password_env} (SMTP password) is not set`);
    // Loaded only when a message really goes out over SMTP: it adds ~0.1 s to every start-up otherwise.
    const { default: nodemailer } = await import('nodemailer');
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: password ?? '' } : undefined,
      connectionTimeout: 10_000,
      socketTimeout: 10_000,
    });
    await transport.sendMail({ from, to: recipients, subject: subject(notice), text });
    transport.close();
    return { channel: 'email', ok: true, text: `To: ${to} (email, sent via ${smtp.host}:${smtp.port})` };
  } catch (error) {
    return {
      channel: 'email',
      ok: false,
      text: `To: ${to} (email FAILED: ${safeText(error instanceof Error ? error.message : String(error), 120)})`,
    };
  }
}
