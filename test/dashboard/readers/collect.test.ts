// The collect reader: the last run in an appended log, a run that stopped before its summary, and an
// unfinished run's state file.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectCard, readCollect } from '../../../src/dashboard/readers/collect.js';
import { emptyWorkspace, removeWorkspace } from '../fixture.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeWorkspace));

function workspaceWith(files: Record<string, string>): string {
  const root = emptyWorkspace();
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const products = JSON.stringify({ collected_at: '2024-01-16T10:00:00Z', products: [{ category: 'Home' }] });

describe('readCollect', () => {
  it('reads the latest products file and marks a run whose state file remains as running', async () => {
    const root = workspaceWith({
      'collect/data/products_2024-01-16.json': products,
      'collect/logs/api_collector.log': [
        '2024-01-16 10:00:00 - INFO - Starting API data collection',
        '2024-01-16 10:00:05 - INFO - Collection complete. Summary:',
        '2024-01-16 10:00:05 - INFO -   Total API calls: 1,204 (7 retries)',
        '2024-01-17 10:00:00 - INFO - Starting API data collection',
        '2024-01-17 10:00:02 - ERROR - GET /inventory?page=2 - Status: 500 (Server Error)',
        '',
      ].join('\n'),
      'collect/state/last_run.json': JSON.stringify({
        endpoints: {
          products: { status: 'completed', last_page: 4, total_pages: 4, records_collected: 350 },
          inventory: { status: 'in_progress', last_page: 2, total_pages: 3, records_collected: 200 },
        },
      }),
    });
    const view = await readCollect(root);
    expect([view.date, view.products, view.inventoryRows, view.byCategory]).toEqual([
      '2024-01-16',
      1,
      null,
      [{ value: 'Home', count: 1 }],
    ]);
    expect(view.run).toMatchObject({
      startedAt: '2024-01-17 10:00:00',
      apiCalls: null,
      errors: 1,
      status: 'failed',
    });
    expect(view.inProgress.map((item) => [item.endpoint, item.status, item.lastPage])).toEqual([
      ['products', 'completed', 4],
      ['inventory', 'in_progress', 2],
    ]);
    expect(collectCard(view)).toMatchObject({
      status: 'running',
      headline: '1 record collected',
      detail: '1 products',
    });
  });

  it('reads thousands separators in the summary', async () => {
    const root = workspaceWith({
      'collect/data/products_2024-01-16.json': products,
      'collect/logs/api_collector.log':
        '2024-01-16 10:00:00 - INFO - Starting API data collection\n2024-01-16 10:00:05 - INFO - Collection complete. Summary:\n2024-01-16 10:00:05 - INFO -   Total API calls: 1,204 (7 retries)\n2024-01-16 10:00:05 - INFO -   Duration: 5.5 seconds\n',
    });
    const view = await readCollect(root);
    expect(view.run).toMatchObject({ apiCalls: 1204, retries: 7, durationSeconds: 5.5, status: 'success' });
  });
});
