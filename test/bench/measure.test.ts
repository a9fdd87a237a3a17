import { describe, expect, it } from 'vitest';
import { shebangNodeFlags } from '../../bench/common/measure.js';

describe('the node flags a bench passes to the CLI', () => {
  it('reads the flags after node on an env -S line, and none otherwise', () => {
    expect(shebangNodeFlags('#!/usr/bin/env -S node --single-threaded-gc\nimport x;')).toEqual([
      '--single-threaded-gc',
    ]);
    expect(shebangNodeFlags('#!/usr/bin/env -S node  --a --b=1 \n')).toEqual(['--a', '--b=1']);
    expect(shebangNodeFlags('#!/usr/bin/env node\n')).toEqual([]);
    expect(shebangNodeFlags('#!/usr/local/bin/node --x\n')).toEqual(['--x']);
    expect(shebangNodeFlags('import x from "y";\n')).toEqual([]);
  });
});
