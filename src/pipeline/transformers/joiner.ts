// The `joiner` transformer: an inner or left join of two datasets on one key, counting matched and
// unmatched rows and warning with the unknown keys. Duplicate right-side keys keep their first row.

import { z } from 'zod';
import { quoteIdent } from '../../core/engine.js';
import { formatCount, safeText } from '../../core/text.js';
import { parseStepOptions } from '../config.js';
import type { TransformStepConfig } from '../config.js';
import { defaultInput, Transformer } from '../steps.js';
import type { PlanState, StepContext, StepOutcome } from '../steps.js';
import { requireColumns } from './columns.js';

const optionsSchema = z.strictObject({
  left: z.string().optional(),
  right: z.string(),
  on: z.string().min(1),
  how: z.enum(['inner', 'left']).default('inner'),
  output: z.string().default('enriched'),
});

type JoinerOptions = z.output<typeof optionsSchema>;

/** How many unknown keys the warning lists. */
const SHOWN_UNKNOWN_KEYS = 5;

/** Joins two datasets on a key. */
export class JoinerTransformer extends Transformer {
  readonly inputs: readonly string[];
  override readonly optionalInputs: readonly string[];
  readonly output: string;
  readonly rowLevel = true;
  private readonly options: JoinerOptions;

  constructor(step: TransformStepConfig, plan: PlanState) {
    super(step.name, step.type);
    this.options = parseStepOptions(optionsSchema, step.config, step.name);
    this.inputs = [defaultInput(this.options.left, plan), this.options.right];
    this.optionalInputs = [this.options.right];
    this.output = this.options.output;
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const [leftName, rightName] = this.inputs;
    const { on, how } = this.options;
    if (!context.datasets.has(rightName)) return this.passThrough(context, leftName, rightName);
    const key = quoteIdent(on);
    const leftColumns = await requireColumns(context, this.name, leftName, [on]);
    const rightColumns = await requireColumns(context, this.name, rightName, [on]);
    const left = context.datasets.table(leftName);
    const rightTable = await context.datasets.materialize(rightName);
    const recordsIn = context.datasets.rows(leftName);
    context.log.info(`  Joining ${leftName} with ${rightName} on ${on}`);

    // One row per right key, so a duplicated catalog entry cannot multiply orders.
    const right = `(SELECT * FROM ${rightTable} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY rowid) = 1)`;
    const added = rightColumns
      .filter((column) => column !== on)
      .map((column) => {
        const alias = leftColumns.includes(column) ? `${rightName}_${column}` : column;
        return `r.${quoteIdent(column)} AS ${quoteIdent(alias)}`;
      });
    // The unmatched rows are few: keep them once, then count, list and reject them from that table.
    const unmatchedTable = context.datasets.newTable(`${this.name}_unmatched`);
    await context.engine.run(
      `CREATE TABLE ${unmatchedTable} AS SELECT l.* FROM ${left} AS l ANTI JOIN ${right} AS r ON l.${key} = r.${key}`,
    );
    const unmatchedKeys = await context.engine.all<{ k: string | null; n: number }>(
      `SELECT ${key} AS k, count(*) AS n FROM ${unmatchedTable} GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    const unmatched = unmatchedKeys.reduce((total, row) => total + Number(row.n), 0);

    const view = context.datasets.newView(this.output);
    const join = how === 'inner' ? 'INNER JOIN' : 'LEFT JOIN';
    await context.engine.run(
      `CREATE VIEW ${view} AS SELECT l.*${added.length > 0 ? `, ${added.join(', ')}` : ''} FROM ${left} AS l ${join} ${right} AS r ON l.${key} = r.${key}`,
    );
    let dropped = 0;
    if (how === 'inner' && unmatched > 0) {
      dropped = await context.datasets.reject(
        this.name,
        leftName,
        `$1 || coalesce(CAST(${key} AS VARCHAR), '(empty)')`,
        `SELECT * FROM ${unmatchedTable}`,
        [`unknown ${on}: `],
      );
    }
    // Right keys are unique, so every left row matches at most once: no need to count the join.
    const recordsOut = await context.datasets.publish(
      this.output,
      view,
      how === 'inner' ? recordsIn - unmatched : recordsIn,
    );
    context.log.info(
      `  Matched: ${formatCount(recordsIn - unmatched)} | Unmatched: ${formatCount(unmatched)}${how === 'left' && unmatched > 0 ? ' (kept, left join)' : ''}`,
    );
    if (unmatched > 0) {
      const shown = unmatchedKeys.slice(0, SHOWN_UNKNOWN_KEYS).map((row) => safeText(row.k ?? '(empty)', 40));
      const more =
        unmatchedKeys.length > SHOWN_UNKNOWN_KEYS
          ? ` and ${formatCount(unmatchedKeys.length - SHOWN_UNKNOWN_KEYS)} more`
          : '';
      context.log.warn(`  ${formatCount(unmatched)} records had unknown ${on}: ${shown.join(', ')}${more}`);
    }
    return { recordsIn, recordsOut, unmatched, dropped: { unmatched: dropped } };
  }

  /** The right side is an absent optional source: keep the left rows unchanged. */
  private async passThrough(context: StepContext, leftName: string, rightName: string): Promise<StepOutcome> {
    context.log.warn(`  ${rightName} is not available; ${leftName} passed through without enrichment`);
    const rows = await context.datasets.publish(
      this.output,
      context.datasets.table(leftName),
      context.datasets.rows(leftName),
    );
    return { recordsIn: rows, recordsOut: rows };
  }
}
