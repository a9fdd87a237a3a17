// The reconciliation page for one period: system comparison, match rates per comparison and the
// discrepancy table, filterable by severity and type in the browser.

import type { Discrepancy, ReconcileView } from '../readers/reconcile.js';
import {
  badge,
  chart,
  count,
  el,
  figures,
  keyPicker,
  loadJob,
  panel,
  percent,
  selectedKey,
  table,
} from './common.js';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

function render(main: HTMLElement, view: ReconcileView): void {
  main.append(
    keyPicker('period', view.periods, view.period),
    figures([
      ['Discrepancies', count(view.total)],
      ...SEVERITY_ORDER.map((severity): [string, string] => [
        severity[0].toUpperCase() + severity.slice(1),
        count(view.bySeverity[severity] ?? 0),
      ]),
    ]),
    panel('System comparison', [systemsTable(view)]),
    panel('Match rates', [
      table(
        [
          'Comparison',
          { title: 'Matched', numeric: true },
          { title: 'Keys', numeric: true },
          { title: 'Match rate', numeric: true },
        ],
        view.comparisons.map((item) => [
          item.name,
          count(item.matched),
          count(item.total),
          percent(item.matchRate),
        ]),
        'No per-comparison figures in this period’s outputs.',
      ),
      ...(view.comparisons.length
        ? [
            chart('reconcile-match', {
              type: 'bar',
              data: {
                labels: view.comparisons.map((item) => item.name),
                datasets: [
                  {
                    label: 'Match rate %',
                    data: view.comparisons.map((item) => item.matchRate),
                    backgroundColor: '#1a7f37',
                  },
                ],
              },
              options: {
                indexAxis: 'y',
                scales: { x: { min: 0, max: 100 } },
                plugins: { legend: { display: false } },
              },
            }),
          ]
        : []),
    ]),
    panel('Discrepancies', discrepancySection(view.discrepancies)),
  );
}

function systemsTable(view: ReconcileView): HTMLElement {
  const systems = view.systems;
  if (!systems) return el('p', { className: 'muted', text: 'This period’s outputs carry no system totals.' });
  const metrics = [...new Set(systems.flatMap((system) => Object.keys(system.figures)))];
  return table(
    ['Metric', ...systems.map((system) => ({ title: system.system, numeric: true as const }))],
    metrics.map((metric) => [
      metric.replace(/_/g, ' '),
      ...systems.map((system) => system.figures[metric] ?? '—'),
    ]),
  );
}

function discrepancySection(rows: readonly Discrepancy[]): HTMLElement[] {
  const severity = filter(
    'severity-filter',
    'Severity',
    [...new Set(rows.map((row) => row.severity))].sort(
      (a, b) => SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b),
    ),
  );
  const type = filter('type-filter', 'Type', [...new Set(rows.map((row) => row.type))].sort());
  const holder = el('div', { attrs: { id: 'discrepancies' } });
  const draw = () => {
    const shown = rows.filter(
      (row) =>
        (!severity.select.value || row.severity === severity.select.value) &&
        (!type.select.value || row.type === type.select.value),
    );
    holder.replaceChildren(
      table(
        ['ID', 'Severity', 'Type', 'Transaction', 'Systems', 'Description', 'Probable cause', 'Action'],
        shown.map((row) => [
          row.id,
          badge(row.severity),
          row.type.replace(/_/g, ' '),
          row.transactionId,
          row.systems,
          row.description,
          row.cause,
          row.action,
        ]),
        'No discrepancies match.',
      ),
    );
  };
  severity.select.addEventListener('change', draw);
  type.select.addEventListener('change', draw);
  draw();
  return [el('div', { className: 'filters' }, [severity.label, type.label]), holder];
}

function filter(
  id: string,
  title: string,
  values: readonly string[],
): { label: HTMLElement; select: HTMLSelectElement } {
  const select = el('select', { attrs: { id } }, [
    el('option', { text: 'all', attrs: { value: '' } }),
    ...values.map((value) => el('option', { text: value, attrs: { value } })),
  ]);
  return { label: el('label', {}, [`${title} `, select]), select };
}

void loadJob('reconcile', render, { name: 'period', value: selectedKey('period') });
