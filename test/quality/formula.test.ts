import { describe, expect, it } from 'vitest';
import { FormulaError, formulaFields, formulaToSql, parseFormula } from '../../src/quality/formula.js';

const toText = (text: string) =>
  formulaToSql(parseFormula(text), { field: (name) => name, number: (value) => String(value) });

describe('parseFormula', () => {
  it.each([
    ['quantity * unit_price', '(quantity * unit_price)'],
    ['a + b * c', '(a + (b * c))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['-a + 2.5', '((-a) + 2.5)'],
    ['+a', 'a'],
    ['a * -1', '(a * (-1))'],
    ['.5 * x', '(0.5 * x)'],
    ['1e3 * x', '(1000 * x)'],
    ['"unit price" * 2', '(unit price * 2)'],
    ['  qty*price  ', '(qty * price)'],
  ])('parses %j as %s', (text, expected) => {
    expect(toText(text)).toBe(expected);
  });

  it.each([
    ['quantity *', 'expected a field, a number or "(" but found the end', 10],
    ['(a + b', 'expected ")"', 6],
    ['a b', 'unexpected text after the formula', 2],
    ['a % b', 'unexpected character "%"', 2],
    ['a; DROP TABLE x', 'unexpected character ";"', 1],
    ['__import__("os")', 'unexpected text after the formula', 10],
    ['"unclosed', 'a quoted field name is not closed', 0],
    ['', 'expected a field, a number or "(" but found the end', 0],
    ['* a', 'expected a field, a number or "(" but found "*"', 0],
  ])('rejects %j: %s at %i', (text, message, position) => {
    try {
      parseFormula(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).message).toBe(message);
      expect((error as FormulaError).position).toBe(position);
    }
  });

  it('lists each field once, in order of first use', () => {
    expect(formulaFields(parseFormula('b * a + b - 3'))).toEqual(['b', 'a']);
  });
});
