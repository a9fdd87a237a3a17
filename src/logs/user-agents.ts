// Sorts user agents into browsers, bots and crawlers (via the isbot package), scripted HTTP clients, attack
// tools and empty agents. Results are cached per agent string. Does not judge traffic volumes.

import { isbot } from 'isbot';
import { detach } from './detach.js';

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

/** A classifier that remembers every agent string it has seen (agents repeat a lot). */
export class AgentClassifier {
  private readonly cache = new Map<string, AgentKind>();

  classify(agent: string | undefined): AgentKind {
    if (agent === undefined) return 'browser';
    let kind = this.cache.get(agent);
    if (kind === undefined) {
      kind = classifyAgent(agent);
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(detach(agent), kind);
    }
    return kind;
  }
}
