// The `sluice reconcile` command: parses flags, runs the reconciliation job and prints where its
// outputs went. No business logic; see src/reconcile/job.ts.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { ConsoleLogSink, Logger } from '../core/log.js';
import { reconcile } from '../reconcile/job.js';
import type { ReconcileResult } from '../reconcile/job.js';
import type { Severity } from '../reconcile/model.js';
import { SEVERITIES } from '../reconcile/model.js';
import type { CliContext, CommandModule } from './context.js';

interface ReconcileFlags {
  period: string;
  dir: string;
  rules?: string;
  source: string[];
  summary?: string;
  detail?: string;
  issues?: string;
  audit?: string;
  failOn?: string;
}

function parseSource(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function sourcePaths(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new UsageError(`--source expects ID=PATH, got "${pair}"`, 'e.g. --source crm=exports/crm.csv');
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

function failOnLevel(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  const level = value.toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(level))
    throw new UsageError(
      `--fail-on must be one of ${SEVERITIES.join(', ')}, got "${value}"`,
      'e.g. --fail-on high',
    );
  return level as Severity;
}

function printOutputs(ctx: CliContext, result: ReconcileResult): void {
  const { outputs } = result;
  ctx.out.write(`Reconciliation ${result.runId}: ${result.discrepancies.length} discrepancies\n`);
  for (const path of [outputs.summary, outputs.detail, outputs.issues, outputs.audit])
    ctx.out.write(`  ${path}\n`);
}

/** The reconcile job's command module. */
export const reconcileCommand: CommandModule = {
  name: 'reconcile',
  register(program: Command, context: () => CliContext) {
    program
      .command('reconcile')
      .description('reconcile the ERP (source of truth) with the CRM and the data warehouse for one month')
      .requiredOption('--period <YYYYMM>', 'month to reconcile, e.g. 202401')
      .option('--dir <dir>', 'workspace folder (data/, config/, reports/ ...)', '.')
      .option('--rules <file>', 'rules file (default config/reconciliation_rules.json)')
      .option(
        '--source <id=path>',
        'input file for a source, e.g. crm=exports/crm.csv (repeatable)',
        parseSource,
        [],
      )
      .option('--summary <file>', 'summary report path')
      .option('--detail <file>', 'detail CSV path')
      .option('--issues <file>', 'discrepancies JSON path')
      .option('--audit <file>', 'audit log path')
      .option(
        '--fail-on <severity>',
        `exit 3 when a discrepancy at or above this severity is found (${SEVERITIES.join(', ')})`,
      )
      .action(async (flags: ReconcileFlags) => {
        const ctx = context();
        const logger = new Logger(ctx.clock, [new ConsoleLogSink(ctx.verbosity)]);
        try {
          const result = await reconcile({
            dir: resolve(flags.dir),
            period: flags.period,
            rulesPath: flags.rules,
            sourcePaths: sourcePaths(flags.source),
            outputs: {
              summary: flags.summary,
              detail: flags.detail,
              issues: flags.issues,
              audit: flags.audit,
            },
            failOn: failOnLevel(flags.failOn),
            clock: ctx.clock,
            logger,
          });
          printOutputs(ctx, result);
        } finally {
          logger.close();
        }
      });
  },
  /** January with the spec's rules, then February with the extended rules (which shows the trend). */
  async demo(dir: string, ctx: CliContext) {
    const logger = new Logger(ctx.clock, [new ConsoleLogSink(ctx.verbosity)]);
    try {
      const january = await reconcile({ dir, period: '202401', clock: ctx.clock, logger });
      const february = await reconcile({
        dir,
        period: '202402',
        rulesPath: 'config/reconciliation_rules_extended.json',
        clock: ctx.clock,
        logger,
      });
      return [january, february].flatMap(({ outputs }) => [
        outputs.summary,
        outputs.detail,
        outputs.issues,
        outputs.audit,
      ]);
    } finally {
      logger.close();
    }
  },
};
