import { isIPv4 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { IpNumbering, ipv4Value, NEW_IP, NOT_AN_IP } from '../../src/logs/ip-numbering.js';
import { SeededRandom } from '../../src/logs/random.js';

describe('ipv4Value', () => {
  it.each([
    ['0.0.0.0', 0],
    ['10.59.72.125', 0x0a3b487d],
    ['255.255.255.255', 0xffffffff],
    ['192.168.1.100', 0xc0a80164],
  ])('%s is %d', (text, value) => {
    expect(ipv4Value(text)).toBe(value);
  });

  it.each([
    '01.2.3.4',
    '1.2.3.00',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1..3.4',
    '.1.2.3',
    '1.2.3.',
    '1.2.3.4 ',
    '+1.2.3.4',
    '1.2.3.1000',
    '::ffff:1.2.3.4',
    'not-an-ip',
    '',
  ])('rejects %j', (text) => {
    expect(ipv4Value(text)).toBe(-1);
  });

  it('accepts exactly what net.isIPv4 accepts', () => {
    const random = new SeededRandom(7);
    const pieces = [
      '0',
      '00',
      '1',
      '9',
      '10',
      '099',
      '199',
      '200',
      '249',
      '250',
      '255',
      '256',
      '999',
      '1000',
      '',
      'a',
    ];
    for (let i = 0; i < 20_000; i++) {
      const parts = Array.from({ length: random.int(3, 5) }, () => random.pick(pieces));
      const text = parts.join('.');
      expect(ipv4Value(text) >= 0, text).toBe(isIPv4(text));
    }
  });
});

describe('IpNumbering', () => {
  it('tells new, known and invalid IPs apart and numbers them densely', () => {
    const numbering = new IpNumbering();
    expect(numbering.find('10.0.0.1')).toBe(NEW_IP);
    expect(numbering.add('10.0.0.1')).toBe(0);
    expect(numbering.add('2001:db8::1')).toBe(1);
    expect(numbering.find('10.0.0.1')).toBe(0);
    expect(numbering.find('2001:db8::1')).toBe(1);
    expect(numbering.find('010.0.0.1')).toBe(NOT_AN_IP);
    expect(numbering.find('host.example')).toBe(NOT_AN_IP);
    expect(numbering.names).toEqual(['10.0.0.1', '2001:db8::1']);
  });

  it('keeps every number through table growth', () => {
    const numbering = new IpNumbering();
    const ips = Array.from({ length: 5000 }, (_, i) => `10.${i >> 8}.${i & 255}.${(i * 7) & 255}`);
    ips.forEach((ip, i) => expect(numbering.add(ip)).toBe(i));
    ips.forEach((ip, i) => expect(numbering.find(ip)).toBe(i));
    expect(numbering.find('11.0.0.0')).toBe(NEW_IP);
  });

  it('keeps every IPv6 number, looked up inside a line or on its own, mixed with IPv4', () => {
    const numbering = new IpNumbering();
    const ips = Array.from({ length: 6000 }, (_, i) =>
      i % 3 === 0 ? `10.1.${i >> 8}.${i & 255}` : `2001:db8::${i.toString(16)}`,
    );
    ips.forEach((ip, i) => expect(numbering.add(ip)).toBe(i));
    ips.forEach((ip, i) => {
      expect(numbering.find(ip)).toBe(i);
      const line = `${ip} - - [17/Jan/2024:08:15:23 +0000]`;
      expect(numbering.findIn(line, 0, ip.length)).toBe(i);
    });
    expect(numbering.findIn('2001:db8::ffff - -', 0, 14)).toBe(NEW_IP);
    expect(numbering.findIn('2001:db8::zz - -', 0, 12)).toBe(NOT_AN_IP);
    const values = numbering.dottedQuadValues();
    expect([...values]).toEqual(ips.map((ip) => ipv4Value(ip)));
  });
});
