// The integration page: customer totals by source and status, duplicate clusters and the last run's state.

import type { IntegrateView } from '../readers/integrate.js';
import { badge, capNote, chart, count, el, figures, loadJob, panel, table } from './common.js';

function render(main: HTMLElement, view: IntegrateView): void {
  main.append(
    figures([
      ['Unique customers', count(view.customers)],
      ['Records merged', count(view.merged)],
      ['Duplicate clusters', count(view.clusterCount)],
      ['Rejected rows', count(view.rejects)],
      ['Last run', badge(view.status)],
    ]),
    el('div', { className: 'grid two' }, [
      panel('Customers by source', [
        chart('integrate-sources', {
          type: 'doughnut',
          data: {
            labels: view.bySource.map((row) => row.value),
            datasets: [
              {
                data: view.bySource.map((row) => row.count),
                backgroundColor: ['#2463eb', '#1a7f37', '#b35900', '#6b7280'],
              },
            ],
          },
        }),
        table(
          ['Source', { title: 'Customers', numeric: true }],
          view.bySource.map((row) => [row.value, count(row.count)]),
        ),
      ]),
      panel('Customers by status', [
        table(
          ['Status', { title: 'Customers', numeric: true }],
          view.byStatus.map((row) => [row.value, count(row.count)]),
        ),
      ]),
    ]),
    panel('Duplicate clusters', [
      table(
        ['Kept', 'Merged records', 'Match reason', 'Merged from'],
        view.clusters.map((cluster) => [
          cluster.keptId,
          cluster.removedIds.join(', '),
          cluster.reason,
          cluster.removedSources,
        ]),
        'No duplicates found.',
      ),
      ...capNote(view.clusters.length, view.clusterCount, 'clusters'),
    ]),
  );
  if (view.errors.length)
    main.append(
      panel('Errors in the last run', [
        el(
          'ul',
          {},
          view.errors.map((text) => el('li', { text })),
        ),
      ]),
    );
  if (view.lastRun) main.append(el('p', { className: 'muted', text: `Last run finished ${view.lastRun}.` }));
}

void loadJob('integrate', render);
