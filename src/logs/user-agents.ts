// Sorts user agents into browsers, bots and crawlers (via the isbot package), scripted HTTP clients, attack
// tools and empty agents. Does not cache (the parser's agent entries do) or judge traffic volumes.

import { isbot } from 'isbot';

/** What kind of client a user agent announces. */
export type AgentKind = 'browser' | 'bot' | 'script' | 'attack_tool' | 'empty';

const ATTACK_TOOLS =
  /sqlmap|nikto|nmap|masscan|zgrab|nuclei|dirbuster|gobuster|wpscan|acunetix|netsparker|havij|w3af|openvas|hydra|fimap|burp/i;
const SCRIPTS =
  /^(?:curl|wget|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|java\/|okhttp|libwww-perl|lwp-|php\/|ruby|axios|node-fetch|undici|httpie|powershell|apache-httpclient|scrapy)|\b(?:curl|wget)\//i;

/** Classify one user agent; `undefined` (not logged by the format) counts as a browser. */
export function classifyAgent(agent: string | undefined): AgentKind {
  if (agent === undefined) return 'browser';
  const trimmed = agent.trim();
  if (trimmed === '' || trimmed === '-') return 'empty';
  if (ATTACK_TOOLS.test(trimmed)) return 'attack_tool';
  if (SCRIPTS.test(trimmed)) return 'script';
  if (isbot(trimmed)) return 'bot';
  return 'browser';
}
