// The pipeline page: runs from metrics.db with status, duration, records and per-step durations, the
// success rate, and revenue by category for a chosen date.

import type { PipelineRun, PipelineView } from '../readers/pipeline.js';
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

const STEP_COLOURS = [
  '#2463eb',
  '#93c5fd',
  '#1a7f37',
  '#86efac',
  '#b35900',
  '#fdba74',
  '#6f42c1',
  '#c4b5fd',
  '#c62828',
  '#fca5a5',
  '#0e7490',
  '#67e8f9',
];

function render(main: HTMLElement, view: PipelineView): void {
  const last = view.runs[0];
  main.append(
    figures([
      ['Runs recorded', count(view.runCount)],
      ['Success rate', percent(view.successRate)],
      ['Last run', last ? badge(last.status) : '—'],
      ['Last duration', last ? seconds(last.durationSeconds) : '—'],
    ]),
    panel('Runs', [
      table(
        [
          'Run',
          'Status',
          'Data date',
          'Trigger',
          'Started',
          { title: 'Duration', numeric: true },
          { title: 'Records in', numeric: true },
          { title: 'Records out', numeric: true },
          'Steps',
          'Error',
        ],
        view.runs.map((run) => [
          run.runId,
          badge(run.status),
          el('span', { className: 'nowrap', text: run.dataDate ?? '—' }),
          run.trigger,
          el('span', { className: 'nowrap', text: run.start?.replace('T', ' ') ?? '—' }),
          seconds(run.durationSeconds),
          count(run.recordsProcessed),
          count(run.recordsOutput),
          stepsText(run),
          run.error ?? '',
        ]),
        'No runs recorded.',
      ),
    ]),
    ...(view.runs.some((run) => run.steps.length)
      ? [panel('Step durations (recent runs)', [stepChart(view.runs.slice(0, 20).reverse())])]
      : []),
    panel(
      'Revenue by category',
      view.date ? revenueSection(view) : [el('p', { className: 'muted', text: 'No daily metrics yet.' })],
    ),
  );
}

function revenueSection(view: PipelineView): HTMLElement[] {
  return [
    keyPicker('date', view.dates, view.date!),
    chart('pipeline-revenue', {
      type: 'bar',
      data: {
        labels: view.revenue.map((row) => row.category),
        datasets: [
          {
            label: `Revenue ${view.date}`,
            data: view.revenue.map((row) => row.revenue),
            backgroundColor: '#1a7f37',
          },
        ],
      },
      options: { plugins: { legend: { display: false } } },
    }),
    table(
      ['Category', { title: 'Orders', numeric: true }, { title: 'Revenue', numeric: true }],
      view.revenue.map((row) => [
        row.category,
        count(row.orders),
        row.revenue.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      ]),
    ),
  ];
}

function stepChart(runs: readonly PipelineRun[]): HTMLElement {
  const names = [...new Set(runs.flatMap((run) => run.steps.map((step) => step.name)))];
  return chart('pipeline-steps', {
    type: 'bar',
    data: {
      labels: runs.map((run) => run.runId),
      datasets: names.map((name, i) => ({
        label: name,
        backgroundColor: STEP_COLOURS[i % STEP_COLOURS.length],
        data: runs.map((run) => run.steps.find((step) => step.name === name)?.durationSeconds ?? 0),
      })),
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'seconds' } } },
    },
  });
}

function stepsText(run: PipelineRun): string {
  return run.steps.map((step) => `${step.name} ${seconds(step.durationSeconds)}`).join(' · ');
}

function seconds(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)} s`;
}

void loadJob('pipeline', render, { name: 'date', value: selectedKey('date') });
