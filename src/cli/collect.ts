// `sluice collect` (the REST API collector) and `sluice mock-api` (the simulated supplier API):
// flags in, library call, output paths out. No business logic here.

import { randomBytes } from 'node:crypto';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { runCollect, type CollectResult } from '../collect/collector.js';
import { startMockServer } from '../collect/mock/server.js';
import { MockSupplierApi, NO_FAULTS } from '../collect/mock/supplier-api.js';
import { TtyProgressBar } from '../collect/progress.js';
import { FakeClock } from '../core/clock.js';
import { UsageError } from '../core/errors.js';
import { isIsoDate } from '../core/format-time.js';
import { ConsoleLogSink } from '../core/log.js';
import type { CliContext, CommandModule } from './context.js';

/** The seed `--mock` and the demo use unless told otherwise: its fault draws show a 429, a 500, a 408 and proactive pacing. */
export const DEFAULT_MOCK_SEED = 41;

function wholeNumber(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
    return Number(value);
  };
}

function rate(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d*\.?\d+$/.test(value) || n > 1)
      throw new UsageError(`${flag} must be a rate between 0 and 1, got "${value}"`);
    return n;
  };
}

interface CollectFlags {
  dir: string;
  config?: string;
  baseUrl?: string;
  date?: string;
  mock?: boolean;
  mockSeed: number;
  mockProducts: number;
  mockFaults: boolean;
  allowInsecure?: boolean;
}

function printResult(ctx: CliContext, result: CollectResult): void {
  ctx.out.write(
    `Collected ${result.products} products and ${result.inventory} inventory rows (${result.apiCalls} API calls, ${result.retries} retries)${result.resumed ? ', resumed from state/last_run.json' : ''}\n`,
  );
  for (const path of [result.productsPath, result.inventoryPath, result.rejectsPath, result.logPath]) {
    if (path) ctx.out.write(`  ${relative(process.cwd(), path) || path}\n`);
  }
}

function registerCollect(program: Command, context: () => CliContext): void {
  program
    .command('collect')
    .description('collect products and inventory from the supplier REST API (Exercise 3)')
    .option('--dir <dir>', 'workspace with config/, data/, logs/, state/', '.')
    .option('--config <file>', 'API config (default <dir>/config/api_config.json)')
    .option('--base-url <url>', 'override base_url from the config')
    .option('--date <YYYY-MM-DD>', 'run date used in output names (default today, UTC)')
    .option('--mock', 'start the simulated supplier API in-process and collect from it')
    .option(
      '--mock-seed <n>',
      'seed of the simulated data and faults',
      wholeNumber('--mock-seed', 0),
      DEFAULT_MOCK_SEED,
    )
    .option(
      '--mock-products <n>',
      'products the simulator serves',
      wholeNumber('--mock-products', 0, 1_000_000),
      350,
    )
    .option('--no-mock-faults', 'simulator answers every request (no 429/500/408)')
    .option('--allow-insecure', 'allow sending the API key over plain http to a non-loopback host')
    .action(async (flags: CollectFlags) => {
      const ctx = context();
      if (flags.date !== undefined && !isIsoDate(flags.date))
        throw new UsageError(`--date must be a date written YYYY-MM-DD, got "${flags.date}"`);
      const bar =
        process.stderr.isTTY && ctx.verbosity !== 'quiet' ? new TtyProgressBar(process.stderr) : undefined;
      const console = new ConsoleLogSink(ctx.verbosity);
      const result = await runCollect({
        dir: resolve(flags.dir),
        clock: ctx.clock,
        configPath: flags.config ? resolve(flags.config) : undefined,
        date: flags.date,
        baseUrl: flags.baseUrl,
        allowInsecure: flags.allowInsecure,
        mock: flags.mock
          ? { seed: flags.mockSeed, productCount: flags.mockProducts, faults: flags.mockFaults }
          : undefined,
        sinks: [bar ? bar.wrap(console) : console],
        progress: bar,
      });
      printResult(ctx, result);
    });
}

interface MockFlags {
  port: number;
  seed: number;
  products: number;
  rpm: number;
  faults: boolean;
  fault429: number;
  fault500: number;
  fault408: number;
  retryAfter: number;
  latency: number;
  apiKey?: string;
}

function registerMockApi(program: Command, context: () => CliContext): void {
  program
    .command('mock-api')
    .description('serve the simulated supplier API on 127.0.0.1 until interrupted')
    .option('--port <n>', 'port (0 picks a free one)', wholeNumber('--port', 0, 65535), 8080)
    .option('--seed <n>', 'seed of the data and the faults', wholeNumber('--seed', 0), DEFAULT_MOCK_SEED)
    .option('--products <n>', 'products to serve', wholeNumber('--products', 0, 10_000_000), 350)
    .option(
      '--rpm <n>',
      'requests per minute the server accepts before answering 429',
      wholeNumber('--rpm', 1),
      10,
    )
    .option('--no-faults', 'answer every request (no simulated 429/500/408)')
    .option(
      '--fault-429 <rate>',
      'share of requests answered 429 with retry_after in the body',
      rate('--fault-429'),
      0.1,
    )
    .option('--fault-500 <rate>', 'share answered 500', rate('--fault-500'), 0.05)
    .option('--fault-408 <rate>', 'share answered 408 after a short delay', rate('--fault-408'), 0.03)
    .option(
      '--retry-after <seconds>',
      'retry_after in the body of a simulated 429',
      wholeNumber('--retry-after', 0),
      5,
    )
    .option('--latency <ms>', 'delay before every answer', wholeNumber('--latency', 0), 0)
    .option(
      '--api-key <key>',
      'the key clients must send in X-API-Key (default SLUICE_API_KEY, else a random one)',
    )
    .action(async (flags: MockFlags) => {
      const ctx = context();
      const apiKey = flags.apiKey ?? process.env.SLUICE_API_KEY ?? randomBytes(12).toString('hex');
      const faults = flags.faults
        ? { rateLimited: flags.fault429, serverError: flags.fault500, timeout: flags.fault408 }
        : NO_FAULTS;
      const api = new MockSupplierApi({
        apiKey,
        seed: flags.seed,
        productCount: flags.products,
        requestsPerMinute: flags.rpm,
        faults,
        clock: ctx.clock,
        faultRetryAfterSeconds: flags.retryAfter,
        latencyMs: flags.latency,
      });
      const server = await startMockServer(api, flags.port).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE')
          throw new UsageError(
            `port ${flags.port} is already in use`,
            'pick another with --port, or --port 0 for a free one',
          );
        throw error;
      });
      ctx.out.write(
        `Mock supplier API listening on ${server.baseUrl} (${flags.products} products, ${flags.rpm} requests/minute, faults ${flags.faults ? 'on' : 'off'})\n`,
      );
      if (!flags.apiKey && !process.env.SLUICE_API_KEY)
        ctx.out.write(`API key for this session: ${apiKey}\n`);
      await new Promise<void>((done) => {
        const stop = () => void server.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/** The collect job's command module. */
export const collectCommand: CommandModule = {
  name: 'collect',
  register(program, context) {
    registerCollect(program, context);
    registerMockApi(program, context);
  },
  async demo(dir, ctx) {
    // The demo's faults ask for 5-second waits and its 11th call for the rolling minute; a simulated clock
    // starting now shows those waits in the log without making the demo take a minute.
    ctx.out.write('  (simulated API in-process; retry and rate-limit waits run on a simulated clock)\n');
    const result = await runCollect({
      dir,
      clock: new FakeClock(ctx.clock.now()),
      mock: { seed: DEFAULT_MOCK_SEED, productCount: 350, faults: true },
      sinks: [new ConsoleLogSink(ctx.verbosity)],
    });
    return [result.productsPath, result.inventoryPath, result.logPath];
  },
};
