import { describe, expect, it } from 'vitest';
import {
  decodeHtmlEntities,
  endpointPath,
  inspectablePath,
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
