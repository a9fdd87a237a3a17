// The `formatter` transformer: dates written with a strftime format and money rounded to cents
// (two decimals, as text). It changes no row and no other column.

import { z } from 'zod';
import { quoteIdent } from '../../core/engine.js';
import { parseStepOptions } from '../config.js';
import type { TransformStepConfig } from '../config.js';
import { inPlaceWiring, Transformer } from '../steps.js';
import type { PlanState, StepContext, StepOutcome } from '../steps.js';
import { requireColumns } from './columns.js';

const optionsSchema = z.strictObject({
  input: z.string().optional(),
  output: z.string().optional(),
  date_format: z
    .string()
    .regex(/^([^%]|%[aAbBcdHIjmMpSUwWxXyYzZ%-])*$/, 'use strftime codes such as %Y-%m-%d')
    .default('%Y-%m-%d'),
  currency_format: z
    .string()
    .regex(/^[A-Z]{3}$/, 'use a three-letter currency code such as USD')
    .default('USD'),
  /** Default: every DATE or TIMESTAMP column. */
  date_columns: z.array(z.string()).optional(),
  /** Default: every column holding non-integer numbers (DECIMAL, DOUBLE). */
  currency_columns: z.array(z.string()).optional(),
});

type FormatterOptions = z.output<typeof optionsSchema>;

const isDateType = (type: string): boolean => type === 'DATE' || type.startsWith('TIMESTAMP');
const isMoneyType = (type: string): boolean =>
  type.startsWith('DECIMAL') || type === 'DOUBLE' || type === 'FLOAT';

/** Formats dates and currency amounts. */
export class FormatterTransformer extends Transformer {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly rowLevel = false;
  private readonly options: FormatterOptions;

  constructor(step: TransformStepConfig, plan: PlanState) {
    super(step.name, step.type);
    this.options = parseStepOptions(optionsSchema, step.config, step.name);
    ({ inputs: this.inputs, output: this.output } = inPlaceWiring(this.options, plan));
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const input = this.inputs[0];
    const table = context.datasets.table(input);
    const types = await context.datasets.columnTypes(input);
    const dateColumns =
      this.options.date_columns ?? types.filter((t) => isDateType(t.type)).map((t) => t.name);
    const moneyColumns =
      this.options.currency_columns ?? types.filter((t) => isMoneyType(t.type)).map((t) => t.name);
    await requireColumns(context, this.name, input, [...dateColumns, ...moneyColumns]);
    context.log.info('  Formatting dates and currency');
    context.log.debug(
      `  Dates (${this.options.date_format}): ${dateColumns.join(', ') || 'none'}; ${this.options.currency_format} amounts: ${moneyColumns.join(', ') || 'none'}`,
    );

    const replacements = [
      ...dateColumns.map((c) => `strftime(CAST(${quoteIdent(c)} AS TIMESTAMP), $1) AS ${quoteIdent(c)}`),
      ...moneyColumns.map(
        (c) =>
          `CAST(CAST(round(CAST(${quoteIdent(c)} AS DECIMAL(38,6)), 2) AS DECIMAL(38,2)) AS VARCHAR) AS ${quoteIdent(c)}`,
      ),
    ];
    const output = context.datasets.newTable(this.output);
    const select =
      replacements.length > 0
        ? `SELECT * REPLACE (${replacements.join(', ')}) FROM ${table}`
        : `SELECT * FROM ${table}`;
    await context.engine.run(
      `CREATE TABLE ${output} AS ${select}${context.datasets.rowOrder(input)}`,
      dateColumns.length > 0 ? [this.options.date_format] : [],
    );
    const records = await context.datasets.publish(this.output, output);
    return { recordsIn: context.datasets.rows(input), recordsOut: records };
  }
}
