// `sluice demo`: copy the bundled examples into a fresh folder and run every job on its workspace.
// It only orchestrates; each job's own command module says how its demo runs.

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import type { CliContext, CommandModule } from './context.js';

const MARKER = '.sluice-demo';

/** The examples folder shipped with the package. */
export function examplesDir(): string {
  // dist/src/cli/demo.js -> package root; also works from src/cli/demo.ts under a TS runner.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'examples');
}

/** Make `out` a fresh copy of the examples; refuses to clear a non-empty folder it did not create. */
export function prepareDemoFolder(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(join(out, MARKER))) {
      throw new UsageError(
        `demo output folder ${out} exists and is not a previous demo`,
        'pass an empty or new folder with --out',
      );
    }
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  cpSync(examplesDir(), out, { recursive: true });
  writeFileSync(join(out, MARKER), 'created by sluice demo; safe to delete\n');
}

/** Register `sluice demo [--out DIR]`. */
export function registerDemo(
  program: Command,
  context: () => CliContext,
  jobs: readonly CommandModule[],
): void {
  program
    .command('demo')
    .description('copy the bundled examples into a fresh folder and run every job on them')
    .option('--out <dir>', 'output folder', './demo-output')
    .action(async (flags: { out: string }) => {
      const ctx = context();
      const out = resolve(flags.out);
      prepareDemoFolder(out);
      ctx.out.write(`Sluice demo: examples copied to ${out}\n`);
      for (const job of jobs) {
        if (!job.demo) continue;
        const dir = join(out, job.name);
        ctx.out.write(`\n== ${job.name} ==\n`);
        const outputs = await job.demo(dir, ctx);
        for (const path of outputs) ctx.out.write(`  ${relative(process.cwd(), path) || path}\n`);
      }
      ctx.out.write(`\nAll outputs are under ${out}\n`);
      ctx.out.write(
        `Open the dashboard on them: sluice serve --dir ${out}  (then browse http://127.0.0.1:8080/)\n`,
      );
    });
}
