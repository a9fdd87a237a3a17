// The text-report kit all six jobs share, so their reports look like one product: header box,
// section titles, aligned tables, ASCII bars and trend arrows. Callers pass text already made safe.

/** Columns a string occupies on a terminal: wide emoji count two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfe0f || (code >= 0x300 && code <= 0x36f)) continue;
    width += code >= 0x1f000 ? 2 : 1;
  }
  return width;
}

/** Pad `text` on the right (or left, for numbers) to `width` display columns. */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** Center `text` in `width` columns. */
export function center(text: string, width: number): string {
  const free = Math.max(0, width - displayWidth(text));
  const left = Math.floor(free / 2);
  return ' '.repeat(left) + text + ' '.repeat(free - left);
}

/** A header box: centered title lines, a divider, then left-aligned body lines. */
export interface BoxSpec {
  title: string[];
  body?: string[];
  /** Inner width in columns; default 62. */
  width?: number;
}

/** Render a double-line box like the spec's report headers. */
export function headerBox({ title, body = [], width = 62 }: BoxSpec): string {
  const line = (text: string, centered: boolean) =>
    `║${centered ? center(text, width) : pad(` ${text}`, width)}║`;
  const out = [`╔${'═'.repeat(width)}╗`, ...title.map((t) => line(t, true))];
  if (body.length > 0) out.push(`╠${'═'.repeat(width)}╣`, ...body.map((b) => line(b, false)));
  out.push(`╚${'═'.repeat(width)}╝`);
  return out.join('\n');
}

/** A section heading: the title, then a rule of `width` characters. */
export function sectionTitle(title: string, width = 64, rule = '─'): string {
  return `${title}\n${rule.repeat(width)}`;
}

/** A horizontal rule. */
export function rule(width = 64, char = '─'): string {
  return char.repeat(width);
}

/** One column of a table. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Minimum width; the column widens to its longest cell. */
  minWidth?: number;
}

/** Options for a table. */
export interface TableOptions {
  /** Rule drawn above and below the header and at the end; omit for none. */
  ruleWidth?: number;
  /** Spaces between columns; default 2. */
  gap?: number;
}

/** Render rows as an aligned table with a header; trailing spaces are trimmed. */
export function table(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const gap = ' '.repeat(options.gap ?? 2);
  const widths = columns.map((c, i) =>
    Math.max(c.minWidth ?? 0, displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const render = (cells: readonly string[]) =>
    columns
      .map((c, i) => pad(cells[i] ?? '', widths[i], c.align ?? 'left'))
      .join(gap)
      .trimEnd();
  const out: string[] = [];
  const ruleLine = options.ruleWidth ? rule(options.ruleWidth) : undefined;
  if (ruleLine) out.push(ruleLine);
  out.push(render(columns.map((c) => c.header)));
  if (ruleLine) out.push(ruleLine);
  for (const row of rows) out.push(render(row));
  if (ruleLine) out.push(ruleLine);
  return out.join('\n');
}

/** Options for a bar. */
export interface BarOptions {
  filled?: string;
  empty?: string;
}

/**
 * An ASCII bar `width` characters wide, filled in proportion to value / max
 * (rounded down, as the spec's hint does; a non-zero value always shows at least one block).
 */
export function bar(
  value: number,
  max: number,
  width: number,
  { filled = '█', empty = '░' }: BarOptions = {},
): string {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  let count = Math.floor(ratio * width);
  if (count === 0 && value > 0 && width > 0) count = 1;
  return filled.repeat(count) + empty.repeat(width - count);
}

/** ↑, ↓ or → for a change, treating |delta| <= epsilon as no change. */
export function trendArrow(delta: number, epsilon = 0): string {
  if (delta > epsilon) return '↑';
  if (delta < -epsilon) return '↓';
  return '→';
}

/** `(↓ 8.0%)`-style change text for a percentage-point or percent delta. */
export function changeText(delta: number, digits = 1, suffix = '%'): string {
  return `(${trendArrow(delta)} ${Math.abs(delta).toFixed(digits)}${suffix})`;
}
