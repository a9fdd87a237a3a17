import { describe, expect, it } from 'vitest';
import { bar, changeText, displayWidth, headerBox, table, trendArrow } from '../../src/core/report.js';

describe('report kit', () => {
  it('draws a box whose lines all have the same width', () => {
    const box = headerBox({
      title: ['DATA QUALITY REPORT - 2024-01-17'],
      body: ['File: x.csv', 'Score: 74.0% ⚠'],
      width: 40,
    });
    const widths = box.split('\n').map(displayWidth);
    expect(new Set(widths)).toEqual(new Set([42]));
    expect(box.split('\n')[1]).toBe('║    DATA QUALITY REPORT - 2024-01-17    ║');
  });

  it('aligns table columns, numbers to the right', () => {
    const text = table(
      [{ header: 'Rule' }, { header: 'Failed', align: 'right' }],
      [
        ['R001', '1'],
        ['R003', '12'],
      ],
    );
    expect(text).toBe('Rule  Failed\nR001       1\nR003      12');
  });

  it.each([
    [85, 100, 10, '████████░░'],
    [0, 100, 4, '░░░░'],
    [1, 1000, 4, '█░░░'],
    [150, 100, 4, '████'],
    [0, 0, 3, '░░░'],
  ])('bar(%d, %d, %d) = %s', (value, max, width, expected) => expect(bar(value, max, width)).toBe(expected));

  it('shows direction and size of a change', () => {
    expect(trendArrow(-8)).toBe('↓');
    expect(trendArrow(0.01, 0.05)).toBe('→');
    expect(changeText(-8)).toBe('(↓ 8.0%)');
  });

  it('counts wide emoji as two columns', () => {
    expect(displayWidth('🚨 x')).toBe(4);
  });
});
