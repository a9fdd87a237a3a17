// Test fixture: a small reconciliation workspace in a temp folder, and a quiet run of the job on it.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../src/core/clock.js';
import { Logger, MemoryLogSink } from '../../../src/core/log.js';
import type { ReconcileOptions, ReconcileResult } from '../../../src/reconcile/job.js';
import { reconcile } from '../../../src/reconcile/job.js';

export const ERP_HEADER =
  'transaction_id,customer_id,order_date,product_id,quantity,unit_price,total_amount,status';
export const CRM_HEADER = 'order_id,customer_id,customer_name,order_date,total_value,order_status';
export const DW_HEADER = 'fact_id,transaction_id,customer_key,date_key,product_key,quantity,amount,status';

/** The spec's rules: ERP vs CRM (amount, status) and ERP vs DW (amount, quantity, status), monthly and daily totals. */
export const SPEC_RULES = {
  comparisons: [
    {
      name: 'ERP vs CRM',
      source: 'erp',
      target: 'crm',
      key_fields: ['transaction_id'],
      compare_fields: [
        { source: 'total_amount', target: 'total_value', tolerance: 0.01 },
        { source: 'status', target: 'order_status' },
      ],
    },
    {
      name: 'ERP vs DW',
      source: 'erp',
      target: 'dw',
      key_fields: ['transaction_id'],
      compare_fields: [
        { source: 'total_amount', target: 'amount', tolerance: 0.01 },
        { source: 'quantity', target: 'quantity' },
        { source: 'status', target: 'status' },
      ],
    },
  ],
  aggregations: [
    { name: 'Monthly Totals', group_by: null, metric: 'total_amount', tolerance_percent: 0.1 },
    { name: 'Daily Totals', group_by: 'order_date', metric: 'total_amount', tolerance_percent: 0.5 },
  ],
};

/** Files of a workspace: CSV lines per source (header included) and the rules. */
export interface WorkspaceFiles {
  erp?: string[];
  crm?: string[];
  dw?: string[];
  rules?: unknown;
}

/** Write a workspace for period 202401 and return its folder. */
export function workspace(files: WorkspaceFiles): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-reconcile-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'config'));
  const write = (name: string, lines: string[] | undefined) => {
    if (lines) writeFileSync(join(dir, 'data', name), lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  };
  write('erp_transactions_202401.csv', files.erp);
  write('crm_customer_orders_202401.csv', files.crm);
  write('dw_sales_facts_202401.csv', files.dw);
  writeFileSync(join(dir, 'config', 'reconciliation_rules.json'), JSON.stringify(files.rules ?? SPEC_RULES));
  return dir;
}

/** Run the job quietly on `dir`; `log` collects its log lines. */
export async function run(
  dir: string,
  options: Partial<ReconcileOptions> = {},
  log = new MemoryLogSink(),
): Promise<ReconcileResult> {
  return reconcile({
    dir,
    period: '202401',
    clock: new FakeClock('2024-02-01T10:30:00Z'),
    logger: new Logger(new FakeClock('2024-02-01T10:30:00Z'), [log]),
    engine: { threads: 1 },
    ...options,
  });
}
