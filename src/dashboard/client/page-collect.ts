// The collection page: records collected, the last collection's calls, retries and duration, and any
// run still in progress according to its state file.

import type { CollectView } from '../readers/collect.js';
import { badge, chart, count, el, figures, loadJob, panel, table } from './common.js';

function render(main: HTMLElement, view: CollectView): void {
  const run = view.run;
  main.append(
    figures([
      ['Collection date', view.date],
      ['Products', count(view.products)],
      ['Inventory rows', count(view.inventoryRows)],
      ['API calls', count(run?.apiCalls)],
      ['Retries', count(run?.retries)],
      [
        'Duration',
        run?.durationSeconds === null || run?.durationSeconds === undefined
          ? '—'
          : `${run.durationSeconds.toFixed(1)} s`,
      ],
    ]),
    panel('Last collection', [
      table(
        [
          'Started',
          'Finished',
          'Status',
          { title: 'Warnings', numeric: true },
          { title: 'Errors', numeric: true },
        ],
        run
          ? [[run.startedAt, run.finishedAt, badge(run.status), count(run.warnings), count(run.errors)]]
          : [],
        'No collector log (logs/api_collector.log).',
      ),
    ]),
    el('div', { className: 'grid two' }, [
      panel('Products by category', [
        chart('collect-categories', {
          type: 'bar',
          data: {
            labels: view.byCategory.map((row) => row.value),
            datasets: [
              {
                label: 'Products',
                data: view.byCategory.map((row) => row.count),
                backgroundColor: '#2463eb',
              },
            ],
          },
          options: { plugins: { legend: { display: false } } },
        }),
      ]),
      panel('Inventory by warehouse', [
        table(
          ['Warehouse', { title: 'Rows', numeric: true }],
          view.byWarehouse.map((row) => [row.value, count(row.count)]),
          'No inventory file for this date.',
        ),
      ]),
    ]),
  );
  if (view.inProgress.length) {
    main.append(
      panel('Run in progress (state/last_run.json)', [
        table(
          [
            'Endpoint',
            'Status',
            { title: 'Page', numeric: true },
            { title: 'Pages', numeric: true },
            { title: 'Records', numeric: true },
          ],
          view.inProgress.map((item) => [
            item.endpoint,
            item.status,
            count(item.lastPage),
            count(item.totalPages),
            count(item.records),
          ]),
        ),
      ]),
    );
  }
}

void loadJob('collect', render);
