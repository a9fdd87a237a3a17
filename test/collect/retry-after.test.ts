import { describe, expect, it } from 'vitest';
import { parseRetryAfterBody, parseRetryAfterHeader, retryAfterFrom } from '../../src/collect/retry-after.js';

const now = new Date('2024-01-17T10:00:00Z');

describe('parseRetryAfterHeader', () => {
  it.each([
    { value: '5', ms: 5000 },
    { value: ' 0 ', ms: 0 },
    { value: '1.5', ms: 1500 },
    { value: 'Wed, 17 Jan 2024 10:00:30 GMT', ms: 30_000 },
    { value: 'Wed, 17 Jan 2024 09:59:00 GMT', ms: 0 },
    { value: '-3', ms: undefined },
    { value: 'soon', ms: undefined },
    { value: '', ms: undefined },
  ])('reads "$value" as $ms ms', ({ value, ms }) => {
    expect(parseRetryAfterHeader(value, now)).toBe(ms);
  });

  it('returns undefined when there is no header', () => {
    expect(parseRetryAfterHeader(null, now)).toBeUndefined();
  });
});

describe('parseRetryAfterBody', () => {
  it.each([
    { body: { retry_after: 5 }, ms: 5000 },
    { body: { retry_after: '7' }, ms: 7000 },
    { body: { retry_after: -1 }, ms: undefined },
    { body: { retry_after: 'later' }, ms: undefined },
    { body: { error: 'x' }, ms: undefined },
    { body: null, ms: undefined },
    { body: 'text', ms: undefined },
  ])('reads $body as $ms ms', ({ body, ms }) => {
    expect(parseRetryAfterBody(body)).toBe(ms);
  });
});

describe('retryAfterFrom', () => {
  it('prefers a valid header over the body', () => {
    expect(retryAfterFrom('3', { retry_after: 9 }, now)).toEqual({ ms: 3000, source: 'header' });
  });

  it('falls back to the body when the header is unreadable', () => {
    expect(retryAfterFrom('tomorrow-ish', { retry_after: 9 }, now)).toEqual({ ms: 9000, source: 'body' });
  });

  it('is undefined when neither says anything', () => {
    expect(retryAfterFrom(null, {}, now)).toBeUndefined();
  });
});
