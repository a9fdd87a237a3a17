// Generates a reconciliation workspace at scale: N ERP transactions and CRM / data-warehouse copies in
// which about 1% of records carry a discrepancy of every type. Seeded, so every run builds the same files.

import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { seededRandom } from '../../src/core/seeded-random.js';

/** Buffered line writer that respects back-pressure (call `drain()` now and then). */
class Lines {
  private buffer: string[] = [];
  constructor(private readonly stream: WriteStream) {}
  push(line: string): void {
    this.buffer.push(line);
  }
  async drain(): Promise<void> {
    if (this.buffer.length >= 50000) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(`${this.buffer.join('\n')}\n`);
    this.buffer = [];
    if (!ok) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

const STATUSES = [
  'completed',
  'completed',
  'completed',
  'completed',
  'completed',
  'completed',
  'pending',
  'cancelled',
  'refunded',
];

/** Rules used by the benchmark: the spec's comparisons plus dates, and three aggregations. */
export const BENCH_RULES = {
  comparisons: [
    {
      name: 'ERP vs CRM',
      source: 'erp',
      target: 'crm',
      key_fields: ['transaction_id'],
      compare_fields: [
        { source: 'total_amount', target: 'total_value', tolerance: 0.01 },
        { source: 'status', target: 'order_status' },
        { source: 'order_date', target: 'order_date' },
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
        { source: 'order_date', target: 'order_date' },
      ],
    },
  ],
  aggregations: [
    { name: 'Monthly Totals', group_by: null, metric: 'total_amount', tolerance_percent: 0.1 },
    { name: 'Daily Totals', group_by: 'order_date', metric: 'total_amount', tolerance_percent: 0.5 },
    { name: 'Customer Totals', group_by: 'customer_id', metric: 'total_amount', tolerance_percent: 1 },
  ],
};

/** Write data/{erp,crm,dw}_..._202401.csv and config/reconciliation_rules.json under `dir`. */
export async function generateWorkspace(dir: string, rows: number, seed = 42): Promise<void> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(
    join(dir, 'config', 'reconciliation_rules.json'),
    `${JSON.stringify(BENCH_RULES, null, 2)}\n`,
  );
  const random = seededRandom(seed);
  const open = (name: string) => new Lines(createWriteStream(join(dir, 'data', name)));
  const erp = open('erp_transactions_202401.csv');
  const crm = open('crm_customer_orders_202401.csv');
  const dw = open('dw_sales_facts_202401.csv');
  erp.push('transaction_id,customer_id,order_date,product_id,quantity,unit_price,total_amount,status');
  crm.push('order_id,customer_id,customer_name,order_date,total_value,order_status');
  dw.push('fact_id,transaction_id,customer_key,date_key,product_key,quantity,amount,status');
  const customers = Math.max(10, Math.floor(rows / 20));
  for (let i = 1; i <= rows; i++) {
    const id = `TXN${String(i).padStart(8, '0')}`;
    const customer = 100 + Math.floor(random() * customers);
    const day = 1 + Math.floor(random() * 31);
    const date = `2024-01-${String(day).padStart(2, '0')}`;
    const product = 1 + Math.floor(random() * 500);
    const quantity = 1 + Math.floor(random() * 5);
    const cents = 100 + Math.floor(random() * 20000);
    const total = ((cents * quantity) / 100).toFixed(2);
    const status = STATUSES[Math.floor(random() * STATUSES.length)];
    erp.push(
      `${id},CUST${customer},${date},PROD${String(product).padStart(3, '0')},${quantity},${(cents / 100).toFixed(2)},${total},${status}`,
    );
    writeCopy(random(), 'crm', { id, customer, date, day, product, quantity, total, status, crm, dw });
    writeCopy(random(), 'dw', { id, customer, date, day, product, quantity, total, status, crm, dw });
    if (random() < 0.001) crm.push(`GHOST${i},CUST${customer},Ghost Customer,${date},${total},completed`);
    if (random() < 0.001)
      dw.push(
        `FG${i},GHOST${i},${customer},202401${String(day).padStart(2, '0')},${product},${quantity},${total},completed`,
      );
    if (i % 10000 === 0) await Promise.all([erp.drain(), crm.drain(), dw.drain()]);
  }
  crm.push('BROKEN,row,with,too,many,fields,here');
  await Promise.all([erp.close(), crm.close(), dw.close()]);
}

interface Row {
  id: string;
  customer: number;
  date: string;
  day: number;
  product: number;
  quantity: number;
  total: string;
  status: string;
  crm: Lines;
  dw: Lines;
}

/** Write one record's copy to the CRM or the warehouse, with a discrepancy for about 1 draw in 100. */
function writeCopy(draw: number, system: 'crm' | 'dw', row: Row): void {
  let { total, status, date, quantity } = row;
  let copies = 1;
  if (draw < 0.002) return; // missing record
  if (draw < 0.003)
    total = (Number(total) + 0.02).toFixed(2); // rounding
  else if (draw < 0.004)
    total = (Number(total) + 10).toFixed(2); // amount mismatch
  else if (draw < 0.005)
    status = status === 'completed' ? 'pending' : 'completed'; // status mismatch
  else if (draw < 0.006)
    date = `2024-01-${String(Math.min(31, row.day + 1)).padStart(2, '0')}`; // timing
  else if (draw < 0.007)
    copies = 2; // duplicate key
  else if (draw < 0.0075)
    total = 'N/A'; // invalid value
  else if (draw < 0.008 && system === 'dw')
    quantity += 1; // quantity mismatch
  else if (draw < 0.009 && system === 'crm') status = ` ${status.toUpperCase()} `; // folds to a match
  for (let c = 0; c < copies; c++) {
    if (system === 'crm')
      row.crm.push(`${row.id},CUST${row.customer},Customer ${row.customer},${date},${total},${status}`);
    else
      row.dw.push(
        `F${row.id.slice(3)},${row.id},${row.customer},${date.replaceAll('-', '')},${row.product},${quantity},${total},${status}`,
      );
  }
}
