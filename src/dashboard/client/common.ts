// Browser helpers shared by every page: fetching the API and building DOM nodes. Every piece of data
// reaches the page through textContent or attribute setters, never through HTML strings.

import type { Chart as ChartClass, ChartConfiguration } from 'chart.js';

declare global {
  interface Window {
    Chart: typeof ChartClass;
  }
}

/** What the job API returns (see src/dashboard/readers/types.ts). */
export type ApiResult<T> = { job: string } & (
  { state: 'missing'; message: string } | { state: 'error'; message: string } | { state: 'ok'; data: T }
);

/** A table cell: text, or a node built with these helpers. */
export type Cell = string | number | null | undefined | Node;

/** Options for `el`. */
interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/** Create an element with optional class, text (as textContent) and attributes, then children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: readonly Cell[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(toNode(child));
  return node;
}

function toNode(cell: Cell): Node {
  if (cell instanceof Node) return cell;
  return document.createTextNode(cell === null || cell === undefined ? '—' : String(cell));
}

/** The page's main element, emptied except for its heading. */
export function mainElement(): HTMLElement {
  const main = document.getElementById('app')!;
  main.querySelector('.loading')?.remove();
  return main;
}

/** GET a JSON document from the dashboard's own API. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The `date` or `period` the page's URL carries, if any. */
export function selectedKey(name: 'date' | 'period'): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

/**
 * Fetch one job's view and render it with `render`, or show why there is nothing to show.
 * `key` selects a date or period; the page URL follows it so a reload keeps the choice.
 */
export async function loadJob<T>(
  job: string,
  render: (main: HTMLElement, data: T) => void,
  key?: { name: 'date' | 'period'; value: string | null },
): Promise<void> {
  const main = mainElement();
  const query = key?.value ? `?${key.name}=${encodeURIComponent(key.value)}` : '';
  try {
    const result = await getJson<ApiResult<T>>(`/api/${job}${query}`);
    if (result.state === 'ok') render(main, result.data);
    else
      main.append(
        notice(
          result.state === 'missing'
            ? `Nothing to show yet: ${result.message}.`
            : `Cannot read this job's outputs: ${result.message}`,
          result.state,
        ),
      );
  } catch (error) {
    main.append(
      notice(`Cannot load data: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    );
  }
}

/** A highlighted message box. */
export function notice(text: string, kind: 'missing' | 'error'): HTMLElement {
  return el('p', { className: kind === 'error' ? 'notice error' : 'notice', text });
}

/** A panel with a heading. */
export function panel(title: string, children: readonly Cell[]): HTMLElement {
  return el('section', { className: 'panel' }, [el('h2', { text: title }), ...children]);
}

/** A row of headline figures. */
export function figures(items: readonly [label: string, value: Cell][]): HTMLElement {
  return el(
    'div',
    { className: 'figures' },
    items.map(([label, value]) =>
      el('div', { className: 'figure' }, [
        el('div', { className: 'value' }, [value]),
        el('div', { className: 'label', text: label }),
      ]),
    ),
  );
}

/** A coloured label for a status or severity. */
export function badge(text: string): HTMLElement {
  return el('span', { className: `badge ${text.toLowerCase()}`, text });
}

/** A table column: its heading and whether it holds numbers (right-aligned). */
export type Column = string | { title: string; numeric: true };

/** A table from column headings and rows of cells. */
export function table(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  emptyText = 'None.',
): HTMLElement {
  if (rows.length === 0) return el('p', { className: 'muted', text: emptyText });
  const numeric = columns.map((column) => typeof column !== 'string');
  const head = el(
    'tr',
    {},
    columns.map((column, i) =>
      el('th', {
        className: numeric[i] ? 'num' : '',
        text: typeof column === 'string' ? column : column.title,
      }),
    ),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      {},
      row.map((cell, i) => el('td', { className: numeric[i] ? 'num' : '' }, [cell])),
    ),
  );
  return el('table', {}, [el('thead', {}, [head]), el('tbody', {}, body)]);
}

/** A number with thousands separators, or a dash. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/** A percentage with one decimal, or a dash. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(1)}%`;
}

/** "Showing the first N of M" under a capped list, or nothing when the list is complete. */
export function capNote(shown: number, total: number, what: string): HTMLElement[] {
  return shown < total
    ? [el('p', { className: 'muted', text: `Showing the first ${count(shown)} of ${count(total)} ${what}.` })]
    : [];
}

/** A chart in a fixed-height box; `id` lets tests find it. */
export function chart(id: string, config: ChartConfiguration): HTMLElement {
  const canvas = el('canvas', { attrs: { id, role: 'img', 'aria-label': id } });
  const box = el('div', { className: 'chart' }, [canvas]);
  // Draw once the box is in the document so Chart.js can measure it.
  queueMicrotask(
    () =>
      new window.Chart(canvas, {
        ...config,
        options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
      }),
  );
  return box;
}

/** A <select> of choices that reloads the page with `?name=value` when changed. */
export function keyPicker(name: 'date' | 'period', choices: readonly string[], current: string): HTMLElement {
  const select = el('select', { attrs: { id: `${name}-picker`, 'aria-label': name } }, []);
  for (const choice of [...choices].reverse()) {
    const option = el('option', { text: choice, attrs: { value: choice } });
    option.selected = choice === current;
    select.append(option);
  }
  select.addEventListener('change', () => {
    const url = new URL(window.location.href);
    url.searchParams.set(name, select.value);
    window.location.assign(url.toString());
  });
  return el('label', { className: 'filters' }, [`Showing ${name}`, select]);
}
