// `sluice serve`: parse flags, start the dashboard over a workspace and keep it up until SIGINT/SIGTERM.
// No business logic here; the server and readers live in src/dashboard.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { startDashboard } from '../dashboard/server.js';
import type { CommandModule } from './context.js';

interface ServeFlags {
  dir: string;
  port: string;
  host: string;
}

/** Parse a TCP port flag (0 picks a free port). */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`invalid --port ${text}`, 'pass a number from 0 to 65535');
  return port;
}

/** The dashboard's command module (it has no demo: `sluice demo` prints how to open it instead). */
export const serveCommand: CommandModule = {
  name: 'serve',
  register(program: Command, context) {
    program
      .command('serve')
      .description("serve the web dashboard over the jobs' outputs in a workspace (read-only)")
      .option(
        '--dir <dir>',
        'workspace folder holding integrate/, quality/, collect/, logs/, reconcile/, pipeline/',
        '.',
      )
      .option('--port <port>', 'TCP port (0 picks a free one)', '8080')
      .option('--host <host>', 'address to bind', '127.0.0.1')
      .action(async (flags: ServeFlags) => {
        const ctx = context();
        const dir = resolve(flags.dir);
        if (!existsSync(dir) || !statSync(dir).isDirectory())
          throw new UsageError(
            `workspace folder not found: ${dir}`,
            'pass an existing folder with --dir, e.g. the output of sluice demo',
          );
        const port = parsePort(flags.port);
        const dashboard = await startDashboard({ dir, host: flags.host, port }).catch((error: unknown) => {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EADDRINUSE')
            throw new UsageError(
              `port ${port} on ${flags.host} is already in use`,
              'pass another --port, or --port 0 for a free one',
            );
          if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
            throw new UsageError(
              `cannot bind to --host ${flags.host}`,
              'pass an address of this machine, e.g. 127.0.0.1',
            );
          throw error;
        });
        ctx.out.write(`Sluice dashboard on ${dir}\nOpen ${dashboard.url} (Ctrl+C to stop)\n`);
        await new Promise<void>((done) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void dashboard.close().then(done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      });
  },
};
