// Finds the day's access-log files: access_<date>.log, .gz, and rotated parts (.1, .2.gz ...),
// oldest part first; or checks the files given with --input. Does not read their contents.

import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { requireFile } from '../core/files.js';
import type { InputFile } from './parallel-scan.js';
import { compareText } from './order.js';

/** True when the file starts with the gzip magic bytes. */
export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function describe(path: string): InputFile {
  return { path, name: basename(path), gzip: isGzipFile(path), size: statSync(path).size };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rotation number of a part name for `date` (0 for the live file), or undefined if not a part. */
export function rotationOf(name: string, date: string): number | undefined {
  const match = new RegExp(`^access_${escapeRegExp(date)}\\.log(?:\\.(\\d+))?(?:\\.gz)?$`).exec(name);
  if (!match) return undefined;
  return match[1] === undefined ? 0 : Number(match[1]);
}

/** The day's log files in `logsDir`, oldest rotated part first and the live file last. */
export function findDayLogs(logsDir: string, date: string): InputFile[] {
  if (!existsSync(logsDir))
    throw new InputError(
      `log folder not found: ${logsDir}`,
      'pass the workspace with --dir or the files with --input',
    );
  const parts = readdirSync(logsDir)
    .map((name) => ({ name, rotation: rotationOf(name, date) }))
    .filter(
      (p): p is { name: string; rotation: number } =>
        p.rotation !== undefined && statSync(join(logsDir, p.name)).isFile(),
    )
    .sort((a, b) => b.rotation - a.rotation || compareText(a.name, b.name));
  if (parts.length === 0)
    throw new InputError(
      `no access log for ${date} in ${logsDir}`,
      `expected access_${date}.log (or .gz, or rotated parts like .log.1)`,
    );
  return parts.map((p) => describe(join(logsDir, p.name)));
}

/** Check and describe files given explicitly, in the order given. */
export function explicitInputs(paths: readonly string[]): InputFile[] {
  return paths.map((path) => {
    requireFile(path, 'access log', 'check the --input path');
    return describe(path);
  });
}
