import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readText } from '../../src/integrate/read-text.js';

describe('readText', () => {
  it.each([
    ['plain ASCII', Buffer.from('a,b\n1,2\n')],
    ['UTF-8 names', Buffer.from('Émile Zoë 日本 😀\n')],
    ['a BOM', Buffer.from('\ufeffa,b\n')],
    ['invalid UTF-8 bytes', Buffer.from([0x61, 0xff, 0xc3, 0x28, 0x0a])],
    ['nothing', Buffer.alloc(0)],
  ])('reads %s exactly as UTF-8 decoding would', (_, bytes) => {
    const path = join(mkdtempSync(join(tmpdir(), 'read-text-')), 'f.txt');
    writeFileSync(path, bytes);
    expect(readText(path)).toBe(readFileSync(path, 'utf8'));
  });
});
