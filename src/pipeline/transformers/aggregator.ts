// The `aggregator` transformer: groups rows and computes order_count, total_revenue (sum of
// quantity x unit price, exact decimals) and avg_order_value. Rows whose numbers do not parse are rejected.

import { z } from 'zod';
import { quoteIdent } from '../../core/engine.js';
import { formatCount } from '../../core/text.js';
import { parseStepOptions } from '../config.js';
import type { TransformStepConfig } from '../config.js';
import { defaultInput, Transformer } from '../steps.js';
import type { PlanState, StepContext, StepOutcome } from '../steps.js';
import { requireColumns } from './columns.js';

/** The metrics an aggregator can compute, in output column order. */
export const METRICS = ['order_count', 'total_revenue', 'avg_order_value'] as const;
type Metric = (typeof METRICS)[number];

const optionsSchema = z.strictObject({
  input: z.string().optional(),
  output: z.string().default('aggregated'),
  group_by: z.array(z.string().min(1)).min(1),
  metrics: z.array(z.enum(METRICS)).min(1),
  /** `date` in group_by means the calendar date of this column when the dataset has no `date` column. */
  date_column: z.string().default('order_date'),
  quantity_column: z.string().default('quantity'),
  price_column: z.string().default('unit_price'),
});

type AggregatorOptions = z.output<typeof optionsSchema>;

/** The metrics computed: those asked for, plus avg_order_value whenever its two parts are asked for. */
export function effectiveMetrics(asked: readonly Metric[]): Metric[] {
  const wanted = new Set(asked);
  if (wanted.has('order_count') && wanted.has('total_revenue')) wanted.add('avg_order_value');
  return METRICS.filter((metric) => wanted.has(metric));
}

const QTY = quoteIdent('__qty');
const PRICE = quoteIdent('__price');
const DAY = quoteIdent('__day');

/** Groups rows and computes sales metrics. */
export class AggregatorTransformer extends Transformer {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly rowLevel = false;
  private readonly options: AggregatorOptions;

  constructor(step: TransformStepConfig, plan: PlanState) {
    super(step.name, step.type);
    this.options = parseStepOptions(optionsSchema, step.config, step.name);
    this.inputs = [defaultInput(this.options.input, plan)];
    this.output = this.options.output;
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const input = this.inputs[0];
    const {
      group_by: groupBy,
      date_column: dateColumn,
      quantity_column: quantityColumn,
      price_column: priceColumn,
    } = this.options;
    const metrics = effectiveMetrics(this.options.metrics);
    const columns = await context.datasets.columns(input);
    const derivedDate = groupBy.includes('date') && !columns.includes('date');
    const needsMoney = metrics.some((metric) => metric !== 'order_count');
    await requireColumns(context, this.name, input, [
      ...groupBy.filter((column) => !(derivedDate && column === 'date')),
      ...(derivedDate ? [dateColumn] : []),
      ...(needsMoney ? [quantityColumn, priceColumn] : []),
    ]);
    const recordsIn = context.datasets.rows(input);
    context.log.info(`  Grouping by: ${groupBy.join(', ')}`);
    context.log.info(`  Aggregations: ${this.options.metrics.join(', ')}`);

    // Cast once; a value that is present but does not parse makes its row invalid.
    const qty = `TRY_CAST(${quoteIdent(quantityColumn)} AS DECIMAL(18,4))`;
    const price = `TRY_CAST(${quoteIdent(priceColumn)} AS DECIMAL(18,4))`;
    const day = `CAST(TRY_CAST(${quoteIdent(dateColumn)} AS TIMESTAMP) AS DATE)`;
    const casts = [
      ...(needsMoney ? [`${qty} AS ${QTY}`, `${price} AS ${PRICE}`] : []),
      ...(derivedDate ? [`${day} AS ${DAY}`] : []),
    ];
    const problems = [
      ...(needsMoney
        ? [
            `CASE WHEN ${qty} IS NULL THEN 'quantity not a number' END`,
            `CASE WHEN ${price} IS NULL THEN 'unit price not a number' END`,
          ]
        : []),
      ...(derivedDate ? [`CASE WHEN ${day} IS NULL THEN 'not a date' END`] : []),
    ];
    const source = context.datasets.table(input);
    const bad = problems.map((p) => `${p} IS NOT NULL`).join(' OR ');
    // Casts run once per row: invalid rows stay in the scan but count in no aggregate (FILTER), and a
    // group left with no valid row is dropped. A WHERE here would make DuckDB evaluate every cast twice.
    const OK = quoteIdent('__ok');
    const okTest = [...(needsMoney ? [QTY, PRICE] : []), ...(derivedDate ? [DAY] : [])]
      .map((column) => `${column} IS NOT NULL`)
      .join(' AND ');
    const onlyValid = okTest ? ` FILTER (WHERE ${OK})` : '';
    const rowsSql =
      casts.length > 0 ? `SELECT *, ${casts.join(', ')} FROM ${source}` : `SELECT * FROM ${source}`;
    const scanned = okTest ? `(SELECT *, ${okTest} AS ${OK} FROM (${rowsSql}))` : `(${rowsSql})`;

    const keys = groupBy.map((column) =>
      derivedDate && column === 'date' ? `${DAY} AS ${quoteIdent('date')}` : quoteIdent(column),
    );
    const revenue = `sum(${QTY} * ${PRICE})${onlyValid}`;
    const count = `count(*)${onlyValid}`;
    const metricSql: Record<Metric, string> = {
      order_count: `${count} AS ${quoteIdent('order_count')}`,
      total_revenue: `${revenue} AS ${quoteIdent('total_revenue')}`,
      avg_order_value: `CAST(${revenue} AS DECIMAL(38,6)) / ${count} AS ${quoteIdent('avg_order_value')}`,
    };
    const order = [
      ...(groupBy.includes('date') ? [quoteIdent('date')] : []),
      ...(metrics.includes('order_count') ? [`${quoteIdent('order_count')} DESC`] : []),
      ...groupBy.map((column) => quoteIdent(column)),
    ];
    // One pass over the input: the groups, plus how many valid rows they hold; the rest were invalid.
    const ROWS = quoteIdent('__rows');
    const grouped = context.datasets.newTable(this.output);
    await context.engine.run(
      `CREATE TABLE ${grouped} AS SELECT ${[...keys, ...metrics.map((metric) => metricSql[metric]), `${count} AS ${ROWS}`].join(', ')} FROM ${scanned} GROUP BY ALL${okTest ? ` HAVING ${count} > 0` : ''} ORDER BY ${order.join(', ')}`,
    );
    const counted = await context.engine.one<{ n: number | null }>(
      `SELECT sum(${ROWS}) AS n FROM ${grouped}`,
    );
    const invalidExpected = recordsIn - Number(counted?.n ?? 0);
    const invalid =
      invalidExpected > 0
        ? await context.datasets.reject(
            this.name,
            input,
            `concat_ws('; ', ${problems.join(', ')})`,
            `SELECT * FROM ${source} WHERE ${bad}`,
          )
        : 0;
    const table = context.datasets.newTable(this.output);
    await context.engine.run(
      `CREATE TABLE ${table} AS SELECT * EXCLUDE (${ROWS}) FROM ${grouped} ORDER BY rowid`,
    );
    const recordsOut = await context.datasets.publish(this.output, table);
    if (invalid > 0)
      context.log.warn(`  ${formatCount(invalid)} records with unreadable numbers or dates rejected`);
    context.log.info(`  Output groups: ${formatCount(recordsOut)}`);
    return { recordsIn, recordsOut, dropped: { invalid } };
  }
}
