// The `cleaner` transformer: rows with empty values are dropped or filled with defaults, then
// duplicates by key are dropped (first row kept). Dropped rows become rejects; it casts nothing.

import { z } from 'zod';
import { quoteIdent } from '../../core/engine.js';
import type { SqlValue } from '../../core/engine.js';
import { formatCount } from '../../core/text.js';
import { parseStepOptions } from '../config.js';
import type { TransformStepConfig } from '../config.js';
import { inPlaceWiring, Transformer } from '../steps.js';
import type { PlanState, StepContext, StepOutcome } from '../steps.js';
import { asList, requireColumns } from './columns.js';

const optionsSchema = z.strictObject({
  strategy: z.enum(['drop', 'fill']).default('drop'),
  input: z.string().optional(),
  output: z.string().optional(),
  /** Columns checked for empty values; default every column (`drop`) or the columns with a default (`fill`). */
  columns: z.array(z.string()).optional(),
  defaults: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  duplicates: z.strictObject({ key: z.union([z.string(), z.array(z.string()).min(1)]) }).optional(),
});

type CleanerOptions = z.output<typeof optionsSchema>;

/** Handles empty values and duplicate keys. */
export class CleanerTransformer extends Transformer {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly rowLevel = true;
  private readonly options: CleanerOptions;

  constructor(step: TransformStepConfig, plan: PlanState) {
    super(step.name, step.type);
    this.options = parseStepOptions(optionsSchema, step.config, step.name);
    ({ inputs: this.inputs, output: this.output } = inPlaceWiring(this.options, plan));
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const input = this.inputs[0];
    const { strategy, defaults } = this.options;
    const all = await context.datasets.columns(input);
    const checked = this.options.columns ?? (strategy === 'fill' ? Object.keys(defaults) : all);
    const dedupeKey = this.options.duplicates ? asList(this.options.duplicates.key) : [];
    await requireColumns(context, this.name, input, [...checked, ...Object.keys(defaults), ...dedupeKey]);
    const recordsIn = context.datasets.rows(input);
    context.log.info(`  Input: ${formatCount(recordsIn)} records`);

    let current = context.datasets.table(input);
    let nulls = 0;
    if (strategy === 'drop' && checked.length > 0) {
      const tests = await this.emptinessTests(context, input, checked);
      const empty = tests.map((test) => `(${test})`).join(' OR ');
      const reason = `'empty ' || concat_ws(', ', ${tests.map((test, i) => `CASE WHEN ${test} THEN $${i + 1} END`).join(', ')})`;
      nulls = await context.datasets.reject(
        this.name,
        input,
        reason,
        `SELECT * FROM ${current} WHERE ${empty}`,
        checked,
      );
      const kept = context.datasets.newView(this.output);
      await context.engine.run(`CREATE VIEW ${kept} AS SELECT * FROM ${current} WHERE NOT (${empty})`);
      current = kept;
      context.log.info(`  Nulls dropped: ${formatCount(nulls)}`);
    } else if (strategy === 'fill') {
      // A table, not a view: the defaults are bound values, which a view cannot hold.
      const filled = context.datasets.newTable(this.output);
      const names = Object.keys(defaults);
      const replacements = names.map(
        (c, i) =>
          `coalesce(nullif(trim(CAST(${quoteIdent(c)} AS VARCHAR)), ''), $${i + 1}) AS ${quoteIdent(c)}`,
      );
      const params: SqlValue[] = names.map((c) => String(defaults[c]));
      const select =
        names.length > 0
          ? `SELECT * REPLACE (${replacements.join(', ')}) FROM ${current}`
          : `SELECT * FROM ${current}`;
      await context.engine.run(`CREATE TABLE ${filled} AS ${select}`, params);
      current = filled;
      context.log.info(`  Nulls filled with defaults in: ${names.join(', ') || '(no columns)'}`);
    }

    let duplicates = 0;
    if (dedupeKey.length > 0) {
      // Number rows within each key in file order (row ids need a table; DuckDB mis-plans QUALIFY with ORDER BY rowid).
      const staged = context.datasets.newTable(this.output);
      await context.engine.run(`CREATE TABLE ${staged} AS SELECT * FROM ${current}`);
      const numbered = `(SELECT *, rowid AS __row, row_number() OVER (PARTITION BY ${dedupeKey.map(quoteIdent).join(', ')} ORDER BY rowid) AS __n FROM ${staged})`;
      duplicates = await context.datasets.reject(
        this.name,
        input,
        `'duplicate key'`,
        `SELECT * EXCLUDE (__row, __n) FROM ${numbered} WHERE __n > 1`,
      );
      const unique = context.datasets.newTable(this.output);
      await context.engine.run(
        `CREATE TABLE ${unique} AS SELECT * EXCLUDE (__row, __n) FROM ${numbered} WHERE __n = 1 ORDER BY __row`,
      );
      current = unique;
      context.log.info(`  Duplicates dropped: ${formatCount(duplicates)} (key: ${dedupeKey.join(', ')})`);
    }

    const recordsOut = await context.datasets.publish(this.output, current, recordsIn - nulls - duplicates);
    context.log.info(`  Output: ${formatCount(recordsOut)} records`);
    return { recordsIn, recordsOut, dropped: { nulls, duplicates } };
  }

  /**
   * Per column, the SQL that is true for an empty value: NULL, or for text columns that hold any value
   * sorting before "!" (a leading blank), also all-blank text. The probe is answered from column
   * statistics, so the costly trim() is paid only where blanks can exist.
   */
  private async emptinessTests(
    context: StepContext,
    dataset: string,
    columns: readonly string[],
  ): Promise<string[]> {
    const relation = context.datasets.table(dataset);
    const types = await context.datasets.columnTypes(dataset);
    const tests: string[] = [];
    for (const column of columns) {
      const name = quoteIdent(column);
      const text = types.find((t) => t.name === column)?.type === 'VARCHAR';
      const probe = text
        ? await context.engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${relation} WHERE ${name} < '!'`)
        : undefined;
      tests.push(probe && Number(probe.n) > 0 ? `${name} IS NULL OR trim(${name}) = ''` : `${name} IS NULL`);
    }
    return tests;
  }
}
