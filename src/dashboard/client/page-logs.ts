// The logs page for one day: hourly traffic, status distribution, top endpoints and IPs, anomalies.
// Paths, users and agents are attacker-controlled: they only ever go through textContent.

import type { LogAnomaly, LogsView, TopEntry } from '../readers/logs.js';
import {
  badge,
  capNote,
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
import type { Cell } from './common.js';

function render(main: HTMLElement, view: LogsView): void {
  const hours = Array.from(
    { length: 24 },
    (_, hour) => view.hourly.find((row) => row.hour === hour)?.requests ?? 0,
  );
  main.append(
    keyPicker('date', view.dates, view.date),
    figures([
      ['Requests', count(view.totals.requests)],
      ['Errors (4xx + 5xx)', count(view.totals.errors)],
      ['Error rate', percent(view.totals.errorRate)],
      ['Anomalies', count(view.anomalyCount)],
    ]),
    el('div', { className: 'grid two' }, [
      panel('Hourly traffic', [
        chart('logs-hourly', {
          type: 'bar',
          data: {
            labels: hours.map((_, hour) => `${String(hour).padStart(2, '0')}:00`),
            datasets: [{ label: 'Requests', data: hours, backgroundColor: '#2463eb' }],
          },
          options: { plugins: { legend: { display: false } } },
        }),
      ]),
      panel('Status distribution', statusSection(view)),
    ]),
    el('div', { className: 'grid two' }, [
      panel('Top endpoints', [topTable('Endpoint', view.topEndpoints, false)]),
      panel('Top client IPs', [topTable('IP address', view.topIps, true)]),
    ]),
    panel('Anomalies', [
      table(
        ['ID', 'Severity', 'Type', 'Description', 'Details', 'Action'],
        view.anomalies.map(anomalyRow),
        'No anomalies detected.',
      ),
      ...capNote(view.anomalies.length, view.anomalyCount, 'anomalies'),
    ]),
  );
}

function statusSection(view: LogsView): Cell[] {
  const classes = view.statusClasses;
  if (!classes)
    return [
      el('p', {
        className: 'muted',
        text: 'No status summary in this day’s outputs (metrics/summary_<date>.json).',
      }),
    ];
  const total = classes.reduce((sum, item) => sum + item.count, 0);
  return [
    chart('logs-status', {
      type: 'doughnut',
      data: {
        labels: classes.map((item) => item.name),
        datasets: [
          {
            data: classes.map((item) => item.count),
            backgroundColor: ['#1a7f37', '#2463eb', '#b35900', '#c62828', '#6b7280'],
          },
        ],
      },
    }),
    table(
      ['Status', { title: 'Requests', numeric: true }, { title: 'Share', numeric: true }],
      classes.map((item) => [
        item.name,
        count(item.count),
        percent(total ? (item.count / total) * 100 : null),
      ]),
    ),
  ];
}

function topTable(title: string, rows: TopEntry[] | null, withUser: boolean): HTMLElement {
  if (!rows) return el('p', { className: 'muted', text: 'Not in this day’s outputs.' });
  const columns = [
    title,
    { title: 'Requests', numeric: true },
    { title: 'Errors', numeric: true },
    { title: 'Error %', numeric: true },
  ] as const;
  return table(
    withUser ? [...columns, 'User', 'Last seen'] : [...columns],
    rows.map((row) => {
      const cells: Cell[] = [
        el('code', { text: row.name }),
        count(row.requests),
        count(row.errors),
        percent(row.errorRate),
      ];
      return withUser ? [...cells, row.user ?? '—', row.lastSeen ?? '—'] : cells;
    }),
  );
}

function anomalyRow(anomaly: LogAnomaly): Cell[] {
  const details = el(
    'dl',
    { className: 'details' },
    Object.entries(anomaly.details).flatMap(([key, value]) => [
      el('dt', { text: key }),
      el('dd', { text: value }),
    ]),
  );
  return [anomaly.id, badge(anomaly.severity), anomaly.type, anomaly.description, details, anomaly.action];
}

void loadJob('logs', render, { name: 'date', value: selectedKey('date') });
