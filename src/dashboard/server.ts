// The dashboard's HTTP server (node:http): pages, the JSON API and assets, with strict security headers.
// It re-reads the workspace on every API request and never writes to it.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAssets } from './assets.js';
import type { Asset } from './assets.js';
import { pageHtml } from './pages.js';
import { readJob, readOverview } from './readers/registry.js';
import { resolveRoute } from './routes.js';

/** Where and what to serve. */
export interface DashboardOptions {
  /** The workspace folder holding the jobs' folders (integrate/, quality/, ...). */
  dir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
}

/** A running dashboard. */
export interface RunningDashboard {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Sent with every response: scripts only from this origin, nothing inline, no framing, no sniffing. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The request handler for a workspace (exported for tests that do not need a socket). */
export function dashboardHandler(
  options: Pick<DashboardOptions, 'dir' | 'host'>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const assets = loadAssets();
  return (req, res) => {
    handle(req, res, options, assets).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, req, 500, 'application/json; charset=utf-8', JSON.stringify({ error: 'internal error' }));
      else res.destroy();
      process.stderr.write(
        `sluice serve: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    });
  };
}

/** Start serving; resolves once listening. */
export async function startDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const server = createServer(dashboardHandler(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: Pick<DashboardOptions, 'dir' | 'host'>,
  assets: Map<string, Asset>,
): Promise<void> {
  if (LOOPBACK_HOSTS.has(options.host) && !isLoopbackHostHeader(req.headers.host)) {
    // A page on another site that rebinds its DNS name to 127.0.0.1 must not read the workspace.
    return sendJson(res, req, 421, { error: 'this dashboard answers only to localhost names' });
  }
  const route = resolveRoute(req.method, req.url);
  switch (route.kind) {
    case 'page':
      return send(res, req, 200, 'text/html; charset=utf-8', pageHtml(route.page));
    case 'api-overview':
      return sendJson(res, req, 200, { jobs: await readOverview(options.dir) });
    case 'api-job':
      return sendJson(res, req, 200, {
        job: route.job,
        ...(await readJob(options.dir, route.job, route.query)),
      });
    case 'asset': {
      const asset = assets.get(route.name);
      if (!asset) return sendJson(res, req, 404, { error: 'not found' });
      return send(res, req, 200, asset.contentType, asset.body, 'public, max-age=300');
    }
    case 'bad-request':
      return sendJson(res, req, 400, { error: route.message });
    case 'method-not-allowed':
      res.setHeader('Allow', 'GET, HEAD');
      return sendJson(res, req, 405, { error: 'only GET and HEAD are supported' });
    case 'not-found':
      return sendJson(res, req, 404, { error: 'not found' });
  }
}

function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return LOOPBACK_HOSTS.has(name.toLowerCase());
}

function sendJson(res: ServerResponse, req: IncomingMessage, status: number, body: unknown): void {
  send(res, req, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  contentType: string,
  body: string | Buffer,
  cache = 'no-store',
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': bytes.length,
    'Cache-Control': cache,
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
