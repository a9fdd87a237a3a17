import { describe, expect, it } from 'vitest';
import {
  decodeHtmlEntities,
  endpointPath,
  inspectablePath,
  isIdSegment,
  percentDecodeOnce,
} from '../../src/logs/normalize-path.js';

describe('endpointPath', () => {
  it.each([
    ['/api/products', '/api/products'],
    ['/api/products/123', '/api/products/{id}'],
    ['/api/products?page=2', '/api/products'],
    ['/api/cart/42/items/7', '/api/cart/{id}/items/{id}'],
    ['/api/orders/3f2a1b4c-9d8e-4f7a-b6c5-0123456789ab', '/api/orders/{id}'],
    ['/api/orders/3F2A1B4C-9D8E-4F7A-B6C5-0123456789AB?x=1', '/api/orders/{id}'],
    ['/api/v2/items', '/api/v2/items'],
    ['/page#top', '/page'],
    ['?only=query', '/'],
  ])('%s -> %s', (path, expected) => {
    expect(endpointPath(path)).toBe(expected);
  });

  // The regular-expression form the hand-written scan replaced.
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const byRegex = (path: string) => {
    const bare = path.split(/[?#]/)[0];
    if (!/\d/.test(bare)) return bare || '/';
    const id = (s: string) => /^\d+$/.test(s) || (s.length === 36 && UUID.test(s));
    return bare
      .split('/')
      .map((s) => (id(s) ? '{id}' : s))
      .join('/');
  };

  it('agrees with the regular-expression rules on edge and random paths', () => {
    const uuid = '3f2a1b4c-9d8e-4f7a-b6c5-0123456789ab';
    const paths = ['', '/', '//', '7', '7/', '/7', '/7/', 'a/7', '/a//7//', '/٣', '/1e5', '/-1', '/0x1f', uuid];
    paths.push(`/${uuid}`, `/${uuid.toUpperCase()}/x`, `/${uuid.replace('-', 'g')}`, `/${uuid}0`, `/${uuid.slice(1)}`);
    paths.push(`/${uuid.replaceAll('-', '')}`, `/${uuid.replace('-', '_')}`, '/a/12#f/3', '/a?x=/1', '/a#?/1');
    paths.push('/abcdefab-abcd-abcd-abcd-abcdefabcdef', '/abcdefab-abcd-abcd-abcd-abcdefabcdef/1');
    const alphabet = ['/', '/', '1', '9', 'a', 'F', 'g', '-', '?', '#', '.', '%', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 5000; n++) {
      let path = next() % 3 === 0 ? `/${uuid}` : '';
      const length = next() % 24;
      for (let i = 0; i < length; i++) path += alphabet[next() % alphabet.length];
      paths.push(path);
    }
    for (const path of paths) expect(endpointPath(path), path).toBe(byRegex(path));
  });

  it('tells id segments', () => {
    expect(['12', '3f2a1b4c-9d8e-4f7a-b6c5-0123456789AB'].map(isIdSegment)).toEqual([true, true]);
    expect(['', '1a', '3f2a1b4c-9d8e-4f7a-b6c5-0123456789ag', '٣'].map(isIdSegment)).toEqual([false, false, false, false]);
  });
});

describe('inspectablePath (CRS-style normalization)', () => {
  it.each([
    ['single encoding', '/a/%2e%2e%2fetc%2fpasswd', '/a/../etc/passwd', 1],
    ['double encoding', '/a/%252e%252e%252f', '/a/../', 2],
    ['triple encoding', '%25252e', '.', 3],
    ['IIS %u encoding', '/%u002e%u002e/', '/../', 1],
    ['backslashes', '/images/..\\..\\win.ini', '/images/../../win.ini', 0],
    ['repeated slashes and case', '//ADMIN//Config', '/admin/config', 0],
    ['plus as space', '/s?q=1+union+select', '/s?q=1 union select', 1],
    ['invalid escapes kept', '/100%zz', '/100%zz', 0],
  ])('%s', (_name, raw, text, rounds) => {
    const result = inspectablePath(raw);
    expect(result.text).toBe(text);
    expect(result.decodeRounds).toBe(rounds);
  });

  it('removes null bytes and says so', () => {
    expect(inspectablePath('/etc/passwd%00.png')).toMatchObject({
      text: '/etc/passwd.png',
      hadNullByte: true,
    });
  });

  it('decodes HTML entities', () => {
    expect(decodeHtmlEntities('&lt;script&#62;&#x3c;')).toBe('<script><');
    expect(percentDecodeOnce('a%41')).toBe('aA');
  });
});
