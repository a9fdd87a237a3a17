// A small arithmetic grammar for calculation rules: field names, numbers, + - * /, unary minus and
// parentheses, parsed into a tree and turned into SQL. Never evaluates text as code (no eval/Function).

/** A parsed formula. */
export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'field'; name: string }
  | { kind: 'negate'; operand: Formula }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula };

/** A formula that does not parse; `position` is the 0-based character offset of the problem. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'field'; name: string; at: number }
  | { kind: 'symbol'; symbol: '+' | '-' | '*' | '/' | '(' | ')'; at: number }
  | { kind: 'end'; at: number };

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (/\s/.test(char)) {
      i++;
    } else if ('+-*/()'.includes(char)) {
      tokens.push({ kind: 'symbol', symbol: char as '+', at: i });
      i++;
    } else if (char === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) throw new FormulaError('a quoted field name is not closed', i);
      if (close === i + 1) throw new FormulaError('a quoted field name is empty', i);
      tokens.push({ kind: 'field', name: text.slice(i + 1, close), at: i });
      i = close + 1;
    } else {
      const rest = text.slice(i);
      const number = NUMBER.exec(rest);
      const name = number ? null : NAME.exec(rest);
      if (number) tokens.push({ kind: 'number', value: Number(number[0]), at: i });
      else if (name) tokens.push({ kind: 'field', name: name[0], at: i });
      else throw new FormulaError(`unexpected character "${char}"`, i);
      i += (number ?? name ?? [''])[0].length;
    }
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/**
 * Parse `text` (e.g. `quantity * unit_price`). Grammar: expr = term (("+"|"-") term)*;
 * term = unary (("*"|"/") unary)*; unary = "-" unary | "+" unary | number | field | "(" expr ")".
 * Field names are identifiers or double-quoted (`"unit price"`). Throws FormulaError.
 */
export function parseFormula(text: string): Formula {
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const isSymbol = (symbol: string) => {
    const token = peek();
    return token.kind === 'symbol' && token.symbol === symbol;
  };

  function expression(): Formula {
    let left = term();
    while (isSymbol('+') || isSymbol('-')) {
      const op = (tokens[index++] as { symbol: '+' | '-' }).symbol;
      left = { kind: 'binary', op, left, right: term() };
    }
    return left;
  }
  function term(): Formula {
    let left = unary();
    while (isSymbol('*') || isSymbol('/')) {
      const op = (tokens[index++] as { symbol: '*' | '/' }).symbol;
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  }
  function unary(): Formula {
    const token = tokens[index++];
    if (token.kind === 'number') return { kind: 'number', value: token.value };
    if (token.kind === 'field') return { kind: 'field', name: token.name };
    if (token.kind === 'symbol' && token.symbol === '-') return { kind: 'negate', operand: unary() };
    if (token.kind === 'symbol' && token.symbol === '+') return unary();
    if (token.kind === 'symbol' && token.symbol === '(') {
      const inner = expression();
      if (!isSymbol(')')) throw new FormulaError('expected ")"', peek().at);
      index++;
      return inner;
    }
    const found = token.kind === 'end' ? 'the end' : `"${token.kind === 'symbol' ? token.symbol : ''}"`;
    throw new FormulaError(`expected a field, a number or "(" but found ${found}`, token.at);
  }

  const tree = expression();
  const rest = peek();
  if (rest.kind !== 'end') throw new FormulaError('unexpected text after the formula', rest.at);
  return tree;
}

/** The distinct field names a formula uses, in order of first use. */
export function formulaFields(formula: Formula): string[] {
  const names: string[] = [];
  const walk = (node: Formula): void => {
    if (node.kind === 'field' && !names.includes(node.name)) names.push(node.name);
    else if (node.kind === 'negate') walk(node.operand);
    else if (node.kind === 'binary') {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(formula);
  return names;
}

/** SQL for a formula; `field` and `number` turn leaves into SQL (a numeric column, a bound value). */
export function formulaToSql(
  formula: Formula,
  leaf: { field(name: string): string; number(value: number): string },
): string {
  switch (formula.kind) {
    case 'number':
      return leaf.number(formula.value);
    case 'field':
      return leaf.field(formula.name);
    case 'negate':
      return `(-${formulaToSql(formula.operand, leaf)})`;
    case 'binary':
      return `(${formulaToSql(formula.left, leaf)} ${formula.op} ${formulaToSql(formula.right, leaf)})`;
  }
}
