import { describe, expect, it } from 'vitest';
import { ClfTimeCache, parseClfTime } from '../../src/logs/clf-time.js';
import { SeededRandom } from '../../src/logs/random.js';
import { LineParser, splitRequest, unescapeField, USER_BY_TEXT } from '../../src/logs/parse-line.js';

const combined = (
  overrides: Partial<Record<'ip' | 'user' | 'time' | 'request' | 'status' | 'bytes' | 'agent', string>> = {},
) => {
  const f = {
    ip: '192.168.1.100',
    user: 'user1',
    time: '17/Jan/2024:08:15:23 +0000',
    request: 'GET /api/products HTTP/1.1',
    status: '200',
    bytes: '1234',
    agent: 'Mozilla/5.0',
    ...overrides,
  };
  return `${f.ip} - ${f.user} [${f.time}] "${f.request}" ${f.status} ${f.bytes} "-" "${f.agent}"`;
};

describe('LineParser (auto: combined, then common)', () => {
  const parser = new LineParser('auto');
  const parse = (line: string) => {
    const problem = parser.parse(line);
    if (problem !== undefined) return problem;
    const { method, path, protocol } = parser.record.request;
    return { ...parser.record, ip: parser.ips.names[parser.record.ipId], method, path, protocol };
  };

  it('parses the spec sample line', () => {
    expect(parse(combined())).toEqual({
      ip: '192.168.1.100',
      ipId: 0,
      user: 'user1',
      time: Date.UTC(2024, 0, 17, 8, 15, 23),
      method: 'GET',
      path: '/api/products',
      protocol: 'HTTP/1.1',
      status: 200,
      bytes: 1234,
      userAgent: 'Mozilla/5.0',
      request: { method: 'GET', path: '/api/products', protocol: 'HTTP/1.1', memo: undefined },
      requestTag: -1,
      agentTag: -1,
      agent: { agent: 'Mozilla/5.0', memo: undefined },
      // The IP counters find this line's IP by its text and look its user up (ip-counters.ts).
      ipBlock: -1,
      ipCounted: false,
      ipRow: -1,
      userNumber: USER_BY_TEXT,
    });
  });

  it('shares one entry per distinct request line and agent, memo included', () => {
    const shared = new LineParser<string, string>('combined');
    expect(shared.parse(combined({ ip: '10.0.0.1' }))).toBeUndefined();
    const { request, agent } = shared.record;
    request.memo = 'endpoint';
    if (agent) agent.memo = 'browser';
    expect(shared.parse(combined({ ip: '10.0.0.2', agent: 'curl/8.0' }))).toBeUndefined();
    expect(shared.record.request).toBe(request);
    expect(shared.record.request.memo).toBe('endpoint');
    expect(shared.record.agent).not.toBe(agent);
    expect(shared.parse(combined({ ip: '10.0.0.1', request: 'GET /api/products HTTP/2.0' }))).toBeUndefined();
    expect(shared.record).toMatchObject({
      ipId: 0,
      agent,
      request: { path: '/api/products', protocol: 'HTTP/2.0' },
    });
    expect(shared.record.request).not.toBe(request);
  });

  it('numbers IPs in order of first appearance, IPv4 and IPv6 alike', () => {
    const numbering = new LineParser('combined');
    const ids = ['10.0.0.1', '2001:db8::1', '10.0.0.2', '10.0.0.1', '2001:db8::1', '0.0.0.0'].map((ip) => {
      expect(numbering.parse(combined({ ip }))).toBeUndefined();
      return [numbering.ips.names[numbering.record.ipId], numbering.record.ipId];
    });
    expect(ids).toEqual([
      ['10.0.0.1', 0],
      ['2001:db8::1', 1],
      ['10.0.0.2', 2],
      ['10.0.0.1', 0],
      ['2001:db8::1', 1],
      ['0.0.0.0', 3],
    ]);
  });

  it('does not number the IP of a rejected line', () => {
    const numbering = new LineParser('combined');
    expect(numbering.parse(combined({ ip: '10.0.0.9', status: 'abc' }))).toMatch(/bad status/);
    expect(numbering.parse(combined({ ip: '10.0.0.8' }))).toBeUndefined();
    expect(numbering.record.ipId).toBe(0);
  });

  it.each([
    ['IPv6 client', combined({ ip: '2001:db8::1' }), { ip: '2001:db8::1' }],
    ['IPv4-mapped IPv6', combined({ ip: '::ffff:10.0.0.1' }), { ip: '::ffff:10.0.0.1' }],
    ['"-" user becomes empty', combined({ user: '-' }), { user: '' }],
    ['"-" bytes count as 0', combined({ bytes: '-', status: '304' }), { bytes: 0, status: 304 }],
    [
      'escaped quotes in the agent',
      combined({ agent: 'Mozilla/5.0 (\\"Corp\\" build)' }),
      { userAgent: 'Mozilla/5.0 ("Corp" build)' },
    ],
    [
      'escaped quote in the path',
      combined({ request: 'GET /search?q=\\"x\\" HTTP/1.1' }),
      { path: '/search?q="x"' },
    ],
    ['empty agent', combined({ agent: '' }), { userAgent: '' }],
    ['HTTP/0.9 request without protocol', combined({ request: 'GET /old' }), { path: '/old', protocol: '' }],
    [
      'positive offset moves the instant back',
      combined({ time: '17/Jan/2024:09:15:23 +0100' }),
      { time: Date.UTC(2024, 0, 17, 8, 15, 23) },
    ],
    [
      'negative half-hour offset',
      combined({ time: '17/Jan/2024:02:45:23 -0530' }),
      { time: Date.UTC(2024, 0, 17, 8, 15, 23) },
    ],
    [
      'offset crossing midnight',
      combined({ time: '18/Jan/2024:01:00:00 +0200' }),
      { time: Date.UTC(2024, 0, 17, 23, 0, 0) },
    ],
  ])('%s', (_name, line, expected) => {
    expect(parse(line)).toMatchObject(expected);
  });

  it('parses Common Log Format lines (no referer or agent)', () => {
    expect(
      parse('10.0.0.1 - - [17/Jan/2024:08:15:23 +0000] "POST /api/orders HTTP/1.1" 201 890'),
    ).toMatchObject({ method: 'POST', status: 201, bytes: 890, userAgent: undefined });
  });

  it.each([
    ['an empty line', '', /empty line/],
    ['a blank line', '   ', /empty line/],
    ['free text', 'this is not an access log line', /expected/],
    ['a host name instead of an IP', combined({ ip: 'not-an-ip' }), /not an IP address/],
    ['an impossible date', combined({ time: '30/Feb/2024:08:15:23 +0000' }), /bad timestamp/],
    ['an unknown month', combined({ time: '17/Foo/2024:08:15:23 +0000' }), /bad timestamp/],
    ['hour 24', combined({ time: '17/Jan/2024:24:00:00 +0000' }), /bad timestamp/],
    ['a status that is not a number', combined({ status: 'abc' }), /bad status/],
    ['a status out of range', combined({ status: '700' }), /bad status/],
    ['a bad byte count', combined({ bytes: '12k' }), /bad byte count/],
    ['a request without a path', combined({ request: 'GET' }), /METHOD PATH PROTOCOL/],
    ['a lower-case method', combined({ request: 'get / HTTP/1.1' }), /METHOD PATH PROTOCOL/],
    [
      'a missing closing quote',
      '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1 200 12 "-" "x"',
      /expected|unterminated/,
    ],
    ['a truncated line', combined().slice(0, 60), /unterminated|expected|ends early/],
    ['trailing garbage', `${combined()} extra`, /unexpected text/],
  ])('rejects %s', (_name, line, reason) => {
    expect(parse(line)).toMatch(reason);
  });
});

describe('LineParser with a custom LogFormat', () => {
  it('skips directives it does not use, such as %D', () => {
    const parser = new LineParser('%h %l %u %t "%r" %>s %b %D "%{User-Agent}i"');
    expect(
      parser.parse('10.0.0.1 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 12 5230 "curl/8.0"'),
    ).toBeUndefined();
    expect(parser.record).toMatchObject({ status: 200, bytes: 12, userAgent: 'curl/8.0' });
  });
});

describe('parseClfTime and unescapeField', () => {
  it('applies the offset', () => {
    expect(parseClfTime('[01/Mar/2024:00:00:00 +0000]')).toBe(Date.UTC(2024, 2, 1));
    expect(parseClfTime('[29/Feb/2023:00:00:00 +0000]')).toBeUndefined();
  });
  it('undoes only \\" and \\\\', () => {
    expect(unescapeField('a\\"b\\\\c\\x1b')).toBe('a"b\\c\\x1b');
  });
});

describe('ClfTimeCache', () => {
  it('reads every timestamp exactly as parseClfTime does, in any order', () => {
    const random = new SeededRandom(3);
    const pad = (n: number) => String(n).padStart(2, '0');
    // Runs of seconds within one minute (the cache's shortcut), minutes that do not exist, month ends.
    const texts = Array.from({ length: 1000 }, () => {
      const day = random.pick(['17', '31', '29', '30', '01']);
      const month = random.pick(['Jan', 'Feb', 'Jan', 'Jan']);
      const hour = random.pick(['08', '23', '24']);
      const minute = random.pick(['15', '59', '60']);
      const offset = random.pick(['+0000', '-0530', '+1500', '+0100']);
      return Array.from({ length: 6 }, () => {
        const second = pad(random.pick([0, 1, 30, 58, 59, 60, 61, 99]));
        return `[${day}/${month}/2024:${hour}:${minute}:${second} ${offset}]`;
      });
    }).flat();
    const cache = new ClfTimeCache();
    for (const text of texts) {
      const line = `x ${text} y`;
      expect(cache.read(line, 2, 2 + text.length), text).toBe(parseClfTime(text));
    }
  });
});

describe('splitRequest', () => {
  it('splits a freshly decoded request line exactly as one cut from a block', () => {
    const lines = [
      'GET /api/products/12345?page=2&sort=price HTTP/1.1',
      'POST /search?q=\\"quoted\\" HTTP/2.0',
      'GET /old/page/without/protocol',
      'DELETE /a HTTP/1.0',
      'get /lowercase HTTP/1.1',
      'GET  HTTP/1.1',
      'NOSPACE',
    ];
    for (const line of lines) {
      const block = `${'x'.repeat(100)}${line}${'y'.repeat(100)}`;
      const cut = block.slice(100, 100 + line.length);
      expect(splitRequest(line, true), line).toEqual(splitRequest(cut));
    }
    expect(splitRequest('GET /a/b/c/d/e/f/g HTTP/1.1', true)).toMatchObject({
      method: 'GET',
      path: '/a/b/c/d/e/f/g',
    });
  });
});
