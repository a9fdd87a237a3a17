// The reconciliation page for one period: system comparison, match rates per comparison and the
// discrepancy table, filterable by severity and type (the server filters, so every row is searched).

import type { ReconcileView } from '../readers/reconcile.js';
import {
  badge,
  chart,
  count,
  el,
  figures,
  getJson,
  keyPicker,
  loadJob,
  notice,
  panel,
  percent,
  selectedKey,
  table,
} from './common.js';
import type { ApiResult } from './common.js';

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
          { title: 'Matched perfectly', numeric: true },
          { title: 'Keys', numeric: true },
          { title: 'Missing in target', numeric: true },
          { title: 'Only in target', numeric: true },
          { title: 'Match rate', numeric: true },
        ],
        view.comparisons.map((item) => [
          item.name,
          count(item.matched),
          count(item.total),
          count(item.missingInTarget),
          count(item.onlyInTarget),
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
    panel('Discrepancies', discrepancySection(view)),
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

/** The discrepancy table with its filters; a filter change asks the server, which filters every row. */
function discrepancySection(view: ReconcileView): HTMLElement[] {
  const bySeverity = (a: string, b: string) => SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
  const severity = filter('severity-filter', 'Severity', Object.keys(view.bySeverity).sort(bySeverity));
  const type = filter('type-filter', 'Type', Object.keys(view.byType).sort());
  const holder = el('div', { attrs: { id: 'discrepancies' } });
  const draw = (shown: ReconcileView) => holder.replaceChildren(discrepancyTable(shown), shownText(shown));
  const refetch = async () => {
    const params = new URLSearchParams({
      period: view.period,
      severity: severity.select.value,
      type: type.select.value,
    });
    try {
      const result = await getJson<ApiResult<ReconcileView>>(`/api/reconcile?${params.toString()}`);
      if (result.state === 'ok') draw(result.data);
      else holder.replaceChildren(notice(result.message, result.state));
    } catch (error) {
      holder.replaceChildren(notice(error instanceof Error ? error.message : String(error), 'error'));
    }
  };
  severity.select.addEventListener('change', () => void refetch());
  type.select.addEventListener('change', () => void refetch());
  draw(view);
  return [el('div', { className: 'filters' }, [severity.label, type.label]), holder];
}

function discrepancyTable(view: ReconcileView): HTMLElement {
  return table(
    ['ID', 'Severity', 'Type', 'Transaction', 'Systems', 'Description', 'Probable cause', 'Action'],
    view.discrepancies.map((row) => [
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
  );
}

function shownText(view: ReconcileView): HTMLElement {
  const text =
    view.matching > view.discrepancies.length
      ? `Showing the first ${count(view.discrepancies.length)} of ${count(view.matching)} matching discrepancies.`
      : `${count(view.matching)} matching discrepancies.`;
  return el('p', { className: 'muted', attrs: { id: 'discrepancy-count' }, text });
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
