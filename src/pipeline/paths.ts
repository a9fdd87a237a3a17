// Config paths made concrete for one run: `{date}` filled in, resolved against the workspace.
// Does not check that the file exists; steps decide what a missing file means.

import { isAbsolute, resolve } from 'node:path';
import { fillPathTemplate } from '../core/files.js';

/** A path as the log shows it (the config's text, date filled in) and as the file system needs it. */
export interface RunPath {
  shown: string;
  absolute: string;
}

/** Fill `{date}` in `template` and resolve it against the workspace `dir`. */
export function runPath(template: string, dir: string, date: string): RunPath {
  const shown = fillPathTemplate(template, { date });
  return { shown, absolute: isAbsolute(shown) ? shown : resolve(dir, shown) };
}
