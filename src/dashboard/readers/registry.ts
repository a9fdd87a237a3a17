// One entry per job: its title, page, reader and card. The server and the overview go through this
// list alone, so a job's page is one reader file plus one line here.

import { sep } from 'node:path';
import { collectCard, readCollect } from './collect.js';
import { integrateCard, readIntegrate } from './integrate.js';
import { logsCard, readLogs } from './logs.js';
import { pipelineCard, readPipeline } from './pipeline.js';
import { qualityCard, readQuality } from './quality.js';
import { readReconcile, reconcileCard } from './reconcile.js';
import type { CardFacts, JobCard, JobName, JobQuery, ReadResult } from './types.js';
import { JOB_NAMES, NotLandedError } from './types.js';

/** A job's reader; the query is already validated. */
interface JobReader<T> {
  title: string;
  read(root: string, query: JobQuery): T | Promise<T>;
  card(view: T): CardFacts;
}

const reader = <T>(entry: JobReader<T>): JobReader<unknown> => entry as JobReader<unknown>;

const READERS: Record<JobName, JobReader<unknown>> = {
  integrate: reader({
    title: 'Customer integration',
    read: (root) => readIntegrate(root),
    card: integrateCard,
  }),
  quality: reader({ title: 'Data quality', read: (root) => readQuality(root), card: qualityCard }),
  collect: reader({ title: 'API collection', read: (root) => readCollect(root), card: collectCard }),
  logs: reader({ title: 'Access logs', read: (root, query) => readLogs(root, query.key), card: logsCard }),
  reconcile: reader({ title: 'Reconciliation', read: readReconcile, card: reconcileCard }),
  pipeline: reader({
    title: 'ETL pipeline',
    read: (root, query) => readPipeline(root, query.key),
    card: pipelineCard,
  }),
};

/** The display title of a job. */
export function jobTitle(job: JobName): string {
  return READERS[job].title;
}

/** Read one job's outputs; never throws: a missing workspace or a broken file becomes a result state. */
export async function readJob(
  root: string,
  job: JobName,
  query: JobQuery = {},
): Promise<ReadResult<unknown>> {
  try {
    return { state: 'ok', data: await READERS[job].read(root, query) };
  } catch (error) {
    if (error instanceof NotLandedError) return { state: 'missing', message: error.message };
    return { state: 'error', message: describe(error, root) };
  }
}

/** The overview: one card per job, in the CLI's job order. */
export async function readOverview(root: string): Promise<JobCard[]> {
  return Promise.all(JOB_NAMES.map((job) => cardFor(root, job)));
}

async function cardFor(root: string, job: JobName): Promise<JobCard> {
  const base = { job, title: READERS[job].title, link: `/${job}` };
  const result = await readJob(root, job);
  if (result.state !== 'ok') {
    const headline = result.state === 'missing' ? 'Not run yet' : 'Cannot read outputs';
    return {
      ...base,
      state: result.state,
      lastRun: null,
      status: 'unknown',
      headline,
      detail: '',
      message: result.message,
    };
  }
  try {
    return { ...base, state: 'ok', ...READERS[job].card(result.data) };
  } catch (error) {
    return {
      ...base,
      state: 'error',
      lastRun: null,
      status: 'unknown',
      headline: 'Cannot read outputs',
      detail: '',
      message: describe(error, root),
    };
  }
}

/** One line for an error, with the workspace path removed so messages name files relative to it. */
function describe(error: unknown, root: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? ` (${error.hint})` : '';
  return `${message}${hint}`.split(root + sep).join('');
}
