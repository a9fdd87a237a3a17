// Readers never crash the dashboard: a job that has not run reads as `missing`, a broken file as `error`
// naming the file (relative to the workspace), and one broken job leaves the other cards intact.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJob, readOverview } from '../../../src/dashboard/readers/registry.js';
import { JOB_NAMES } from '../../../src/dashboard/readers/types.js';
import type { JobName } from '../../../src/dashboard/readers/types.js';
import { emptyWorkspace, removeWorkspace, sampleWorkspace } from '../fixture.js';

const made: string[] = [];
const track = (dir: string) => (made.push(dir), dir);
afterEach(() => made.splice(0).forEach(removeWorkspace));

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('a job that has not run', () => {
  it.each(JOB_NAMES)('%s reads as missing in an empty workspace', async (job) => {
    const result = await readJob(track(emptyWorkspace()), job);
    expect(result).toEqual({
      state: 'missing',
      message: `${job} has not run here: no ${job}/ folder in the workspace`,
    });
  });

  it.each<[JobName, string]>([
    ['integrate', 'integrate has not run here yet: no customer_master.csv'],
    ['quality', 'quality has not run here yet: no history/quality_metrics.json'],
    ['collect', 'collect has not run here yet: no data/products_<date>.json'],
    ['logs', 'no hourly metrics (metrics/hourly_metrics_<date>.csv) yet'],
    ['reconcile', 'no discrepancies (issues/discrepancies_<period>.json) yet'],
    ['pipeline', 'the pipeline has not run here yet: no data/output/metrics.db'],
  ])('%s reads as missing when its folder holds only inputs', async (job, message) => {
    const root = track(emptyWorkspace());
    write(root, `${job}/config/settings.json`, '{}');
    expect(await readJob(root, job)).toEqual({ state: 'missing', message });
  });

  it('an empty quality history is "not yet", not an error', async () => {
    const root = track(emptyWorkspace());
    write(root, 'quality/history/quality_metrics.json', '[]');
    expect((await readJob(root, 'quality')).state).toBe('missing');
  });
});

describe('a broken output file', () => {
  it.each<[JobName, string, string, RegExp]>([
    [
      'quality',
      'quality/history/quality_metrics.json',
      '{"history": [',
      /^malformed JSON in quality\/history\/quality_metrics\.json:1:14/,
    ],
    [
      'quality',
      'quality/alerts/alerts_2024-01-17.json',
      '{"alerts": [}',
      /^malformed JSON in quality\/alerts\/alerts_2024-01-17\.json:1:13/,
    ],
    [
      'logs',
      'logs/metrics/summary_2024-01-17.json',
      'not json',
      /^malformed JSON in logs\/metrics\/summary_2024-01-17\.json:1:1/,
    ],
    [
      'logs',
      'logs/alerts/anomalies_2024-01-17.json',
      '{"anomalies": [1,]}',
      /^malformed JSON in logs\/alerts\/anomalies_2024-01-17\.json:1:18/,
    ],
    [
      'reconcile',
      'reconcile/issues/discrepancies_202401.json',
      '{\n  "summary": \n}',
      /^malformed JSON in reconcile\/issues\/discrepancies_202401\.json:3:1/,
    ],
    [
      'collect',
      'collect/data/products_2024-01-17.json',
      '{"products": [{]}',
      /^malformed JSON in collect\/data\/products_2024-01-17\.json:1:16/,
    ],
    [
      'pipeline',
      'pipeline/data/output/metrics.db',
      'this is not a database, just text that is long enough to have a header',
      /not a database/,
    ],
  ])('%s: %s reads as an error naming the file', async (job, path, text, message) => {
    const root = track(sampleWorkspace());
    rmSync(join(root, path), { force: true });
    write(root, path, text);
    const result = await readJob(root, job);
    expect(result.state).toBe('error');
    expect(result.state === 'error' && result.message).toMatch(message);
    expect(result.state === 'error' && result.message).not.toContain(root);
  });

  it('leaves the other cards intact on the overview', async () => {
    const root = track(sampleWorkspace());
    write(root, 'quality/history/quality_metrics.json', '{');
    const cards = await readOverview(root);
    expect(cards.map((card) => [card.job, card.state])).toEqual([
      ['integrate', 'ok'],
      ['quality', 'error'],
      ['collect', 'ok'],
      ['logs', 'ok'],
      ['reconcile', 'ok'],
      ['pipeline', 'ok'],
    ]);
    expect(cards[1]).toMatchObject({
      headline: 'Cannot read outputs',
      message: expect.stringMatching(/^malformed JSON in quality\/history\/quality_metrics\.json:1:2/),
    });
  });
});
