// The shapes every dashboard reader returns: a job's view is missing, broken or read, plus its overview card.
// Deliberately free of any job's file layout; each reader owns its own.

/** The six jobs, as their workspace folders under the dashboard's --dir are named. */
export const JOB_NAMES = ['integrate', 'quality', 'collect', 'logs', 'reconcile', 'pipeline'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/**
 * What reading a job's outputs gave: `missing` when the job has not run (or not landed) in this
 * workspace, `error` when a file is there but unreadable, `ok` with the data otherwise.
 */
export type ReadResult<T> =
  { state: 'missing'; message: string } | { state: 'error'; message: string } | { state: 'ok'; data: T };

/** How a job's last run went: `warning` means it ran but found problems (alerts, anomalies, discrepancies). */
export type RunStatus = 'success' | 'warning' | 'failed' | 'running' | 'unknown';

/** One overview card. */
export interface JobCard {
  job: JobName;
  title: string;
  /** The page with the job's details. */
  link: string;
  state: ReadResult<unknown>['state'];
  /** When the job last ran, as its outputs tell it (a date, or a date and time); null when unknown. */
  lastRun: string | null;
  status: RunStatus;
  /** The one figure that matters most for this job, e.g. "Quality score 74.0%". */
  headline: string;
  /** A short second line, e.g. "2 alerts". */
  detail: string;
  /** Why the card is empty or broken, when it is. */
  message?: string;
}

/** A reader's description of its job for the overview card, computed from its data. */
export interface CardFacts {
  lastRun: string | null;
  status: RunStatus;
  headline: string;
  detail: string;
}

/**
 * What a request may choose: `key` is a date (YYYY-MM-DD) or period (YYYYMM); `severity` and `type`
 * filter long lists (reconciliation discrepancies). All validated before a reader sees them.
 */
export interface JobQuery {
  key?: string;
  severity?: string;
  type?: string;
}

/** Raised by readers when a file a job writes is not there: the job has not run or has not landed. */
export class NotLandedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotLandedError';
  }
}
