// `sluice integrate`: flags to options for the customer-integration job, and its part of the demo.
// No business logic; see src/integrate/.

import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConsoleLogSink } from '../core/log.js';
import { loadIntegrateConfig } from '../integrate/config.js';
import { runIntegration } from '../integrate/integrate.js';
import type { CliContext, CommandModule } from './context.js';

interface IntegrateFlags {
  crm: string;
  ecommerce: string;
  out: string;
  config?: string;
  allowMissingSource?: boolean;
}

async function integrate(flags: IntegrateFlags, ctx: CliContext): Promise<string[]> {
  const summary = await runIntegration({
    crmPath: resolve(flags.crm),
    ecommercePath: resolve(flags.ecommerce),
    outDir: resolve(flags.out),
    config: loadIntegrateConfig(flags.config && resolve(flags.config)),
    allowMissingSource: flags.allowMissingSource ?? false,
    clock: ctx.clock,
    sinks: [new ConsoleLogSink(ctx.verbosity)],
  });
  return summary.outputs;
}

/** The integration job's command module. */
export const integrateCommand: CommandModule = {
  name: 'integrate',
  register(program: Command, context: () => CliContext) {
    program
      .command('integrate')
      .description('merge CRM (CSV) and e-commerce (JSON) customers into a de-duplicated master file')
      .option('--crm <file>', 'CRM export (CSV)', './crm_customers.csv')
      .option('--ecommerce <file>', 'e-commerce export (JSON)', './ecommerce_customers.json')
      .option('--out <dir>', 'output folder', '.')
      .option('--config <file>', 'integration config (JSON); defaults apply without it')
      .option('--allow-missing-source', 'run on the sources that exist instead of failing')
      .action(async (flags: IntegrateFlags) => {
        const ctx = context();
        const outputs = await integrate(flags, ctx);
        ctx.out.write(`Wrote ${outputs.join(', ')}\n`);
      });
  },
  async demo(dir: string, ctx: CliContext) {
    return integrate(
      { crm: join(dir, 'crm_customers.csv'), ecommerce: join(dir, 'ecommerce_customers.json'), out: dir },
      { ...ctx, verbosity: 'quiet' },
    );
  },
};
