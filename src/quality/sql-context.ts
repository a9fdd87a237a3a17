// The SqlContext rules write their SQL against: source columns by position, shared numeric casts,
// bound values and derived (window) columns, each under an alias this module generates.
// Does not run queries; evaluate.ts assembles and runs them.

import { quoteIdent } from '../core/engine.js';
import type { SqlValue } from '../core/engine.js';
import type { SqlContext } from './rules/types.js';

/** Collects what the rules asked for while they wrote their SQL. */
export class QuerySqlContext implements SqlContext {
  /** Values bound to `$1`, `$2` ... in order. */
  readonly params: SqlValue[];
  private readonly numbers = new Map<string, string>();
  private readonly derivedColumns: string[] = [];

  /**
   * @param columns the data's columns; each is renamed `c<index>` so no generated alias can clash with one
   * @param reserved values the caller binds first (`$1` ...), e.g. the file path
   */
  constructor(
    private readonly columns: readonly string[],
    reserved: readonly SqlValue[] = [],
  ) {
    this.params = [...reserved];
  }

  column(name: string): string {
    const index = this.columns.indexOf(name);
    if (index < 0) throw new Error(`column ${name} was not checked against the header`);
    return `c${index}`;
  }

  number(name: string): string {
    let alias = this.numbers.get(name);
    if (!alias) {
      alias = `n${this.numbers.size}`;
      this.numbers.set(name, alias);
    }
    return alias;
  }

  param(value: SqlValue): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  derived(expression: string): string {
    this.derivedColumns.push(expression);
    return `d${this.derivedColumns.length - 1}`;
  }

  /** The select list renaming source columns to `c<index>`. */
  sourceColumns(): string {
    return this.columns.map((name, index) => `${quoteIdent(name)} AS c${index}`).join(', ');
  }

  /** The select list of numeric casts and derived columns (empty string when none). */
  helperColumns(): string {
    const casts = [...this.numbers].map(([name, alias]) => {
      const raw = `try_cast(${this.column(name)} AS DOUBLE)`;
      return `CASE WHEN isfinite(${raw}) THEN ${raw} END AS ${alias}`;
    });
    const derived = this.derivedColumns.map((expression, index) => `${expression} AS d${index}`);
    return [...casts, ...derived].join(', ');
  }
}
