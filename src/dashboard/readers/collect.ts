// Reads the collect job's workspace: the latest products and inventory files, the last collection's
// summary lines from its log (calls, retries, duration) and any unfinished run's state.

import { join } from 'node:path';
import {
  datedFiles,
  isFile,
  isObject,
  objectList,
  pickArray,
  pickNumber,
  pickString,
  parseJsonFile,
  readJson,
  readLines,
  requireWorkspace,
  Tally,
} from './files.js';
import { queryCsv, toCounts } from './csv-engine.js';
import { lastRun, levelCounts, parseLogLine } from './log-lines.js';
import { memoByFile } from './memo.js';
import type { LogLine } from './log-lines.js';
import type { CardFacts, RunStatus } from './types.js';
import { NotLandedError } from './types.js';

/** The last collection run, as its log's summary tells it. */
export interface CollectionRun {
  startedAt: string | null;
  finishedAt: string | null;
  apiCalls: number | null;
  retries: number | null;
  durationSeconds: number | null;
  warnings: number;
  errors: number;
  status: RunStatus;
}

/** What the collection page shows. */
export interface CollectView {
  date: string;
  dates: string[];
  collectedAt: string | null;
  products: number;
  byCategory: { value: string; count: number }[];
  inventoryRows: number | null;
  byWarehouse: { value: string; count: number }[];
  run: CollectionRun | null;
  inProgress: {
    endpoint: string;
    status: string;
    lastPage: number | null;
    totalPages: number | null;
    records: number | null;
  }[];
}

/** Read the collect workspace under `root`. */
export async function readCollect(root: string): Promise<CollectView> {
  const dir = requireWorkspace(root, 'collect');
  const files = datedFiles(join(dir, 'data'), 'products_', '.json');
  const latest = files.at(-1);
  if (!latest) throw new NotLandedError('collect has not run here yet: no data/products_<date>.json');
  const products = await memoByFile(latest.path, 'collect-products', () =>
    summarizeProducts(root, latest.path),
  );
  const inventoryPath = join(dir, 'data', `inventory_${latest.key}.csv`);
  const inventory = isFile(inventoryPath)
    ? toCounts(
        await queryCsv(
          root,
          inventoryPath,
          'inventory-by-warehouse',
          (column) =>
            `SELECT coalesce(${column('warehouse')}, '') AS value, count(*) AS count FROM {csv} GROUP BY 1 ORDER BY count DESC, value`,
        ),
      )
    : null;
  const logPath = join(dir, 'logs', 'api_collector.log');
  const statePath = join(dir, 'state', 'last_run.json');
  return {
    date: latest.key,
    dates: files.map((file) => file.key),
    ...products,
    inventoryRows: inventory ? inventory.reduce((sum, row) => sum + row.count, 0) : null,
    byWarehouse: inventory ?? [],
    run: isFile(logPath) ? summarizeRun(readLines(logPath)) : null,
    inProgress: isFile(statePath) ? stateEndpoints(await readJson(root, statePath)) : [],
  };
}

/** The overview card's facts for a collect view. */
export function collectCard(view: CollectView): CardFacts {
  const records = view.products + (view.inventoryRows ?? 0);
  const calls = view.run?.apiCalls;
  return {
    lastRun: view.run?.finishedAt ?? view.collectedAt ?? view.date,
    status: view.inProgress.length > 0 ? 'running' : (view.run?.status ?? 'unknown'),
    headline: `${records.toLocaleString('en-US')} record${records === 1 ? '' : 's'} collected`,
    detail:
      calls === null || calls === undefined
        ? `${view.products} products`
        : `${calls} API calls, ${view.run?.retries ?? 0} retries`,
  };
}

/** The products file's totals (it holds every product, so only the summary is kept). */
function summarizeProducts(
  root: string,
  path: string,
): Pick<CollectView, 'collectedAt' | 'products' | 'byCategory'> {
  const data = parseJsonFile(root, path);
  const json = isObject(data) ? data : {};
  const products = (pickArray(json, 'products') ?? []).filter(isObject);
  const byCategory = new Tally();
  for (const product of products) byCategory.add(pickString(product, 'category') ?? '');
  return {
    collectedAt: pickString(json, 'collected_at'),
    products: pickNumber(json, 'total_records') ?? products.length,
    byCategory: byCategory.list(),
  };
}

function summarizeRun(text: readonly string[]): CollectionRun | null {
  const all = text.map(parseLogLine).filter((line): line is LogLine => line !== null);
  if (all.length === 0) return null;
  const run = lastRun(all, /^Starting API data collection/);
  const calls = findMatch(run, /Total API calls:\s*([\d,]+)(?:\s*\((\d+) retr)?/);
  const duration = findMatch(run, /Duration:\s*([\d.]+)\s*s/);
  const counts = levelCounts(run);
  const complete = run.some((line) => /^Collection complete/.test(line.message));
  return {
    startedAt: run[0].time,
    finishedAt: run.at(-1)!.time,
    apiCalls: calls ? Number(calls[1].replace(/,/g, '')) : null,
    retries: calls?.[2] ? Number(calls[2]) : null,
    durationSeconds: duration ? Number(duration[1]) : null,
    warnings: counts.WARNING ?? 0,
    errors: counts.ERROR ?? 0,
    status: complete ? 'success' : counts.ERROR ? 'failed' : 'unknown',
  };
}

function findMatch(lines: readonly LogLine[], pattern: RegExp): RegExpExecArray | null {
  for (const line of lines) {
    const match = pattern.exec(line.message);
    if (match) return match;
  }
  return null;
}

function stateEndpoints(data: unknown): CollectView['inProgress'] {
  const endpoints = isObject(data) ? objectList(data.endpoints, 'endpoint') : [];
  return endpoints.map((item) => ({
    endpoint: pickString(item, 'endpoint') ?? '?',
    status: pickString(item, 'status') ?? '',
    lastPage: pickNumber(item, 'last_page'),
    totalPages: pickNumber(item, 'total_pages'),
    records: pickNumber(item, 'records_collected'),
  }));
}
