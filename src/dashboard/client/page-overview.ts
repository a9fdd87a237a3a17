// The overview page: one card per job with its last run, status and headline figure, linking to its page.
// Renders only what /api/overview returns.

import type { JobCard, RunStatus } from '../readers/types.js';
import { el, getJson, mainElement, notice } from './common.js';

const STATUS_LABELS: Record<RunStatus, string> = {
  success: 'ok',
  warning: 'issues found',
  failed: 'failed',
  running: 'running',
  unknown: 'unknown',
};

async function main(): Promise<void> {
  const root = mainElement();
  try {
    const { jobs } = await getJson<{ jobs: JobCard[] }>('/api/overview');
    root.append(el('div', { className: 'grid', attrs: { id: 'cards' } }, jobs.map(card)));
  } catch (error) {
    root.append(
      notice(`Cannot load the overview: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    );
  }
}

function card(job: JobCard): HTMLElement {
  const status =
    job.state === 'ok' ? STATUS_LABELS[job.status] : job.state === 'missing' ? 'not run' : 'error';
  const badgeClass = job.state === 'error' ? 'failed' : job.status;
  return el(
    'a',
    {
      className: `card status-${job.state === 'error' ? 'failed' : job.status}`,
      attrs: { href: job.link, 'data-job': job.job },
    },
    [
      el('div', { className: 'title' }, [
        job.title,
        ' ',
        el('span', { className: `badge ${badgeClass}`, text: status }),
      ]),
      el('div', { className: 'headline', text: job.headline }),
      el('div', { className: 'meta', text: job.message ?? job.detail }),
      el('div', { className: 'meta', text: job.lastRun ? `Last run: ${job.lastRun}` : 'Last run: —' }),
    ],
  );
}

void main();
