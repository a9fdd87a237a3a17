import { describe, expect, it } from 'vitest';
import { classifyAgent } from '../../src/logs/user-agents.js';

describe('classifyAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'browser',
    ],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'bot'],
    ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'bot'],
    ['curl/7.68.0', 'script'],
    ['Wget/1.21.2', 'script'],
    ['python-requests/2.31.0', 'script'],
    ['Go-http-client/1.1', 'script'],
    ['sqlmap/1.7.2#stable (https://sqlmap.org)', 'attack_tool'],
    ['Mozilla/5.00 (Nikto/2.5.0) (Evasions:None)', 'attack_tool'],
    ['', 'empty'],
    ['-', 'empty'],
    [undefined, 'browser'],
  ])('%j is %s', (agent, kind) => {
    expect(classifyAgent(agent)).toBe(kind);
  });
});
