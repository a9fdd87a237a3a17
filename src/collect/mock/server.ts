// Serves the supplier API simulator over real HTTP on 127.0.0.1 (`sluice mock-api`, `--mock`, tests).
// Does not decide answers; MockSupplierApi does.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockSupplierApi } from './supplier-api.js';

/** A running simulator. */
export interface RunningMockServer {
  /** The base URL to put in api_config.json, e.g. http://127.0.0.1:43121/v1 */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1:`port` (0 picks a free port). */
export async function startMockServer(api: MockSupplierApi, port = 0): Promise<RunningMockServer> {
  const server = createServer((request, response) => {
    const key = request.headers['x-api-key'];
    api
      .handle(request.method ?? 'GET', request.url ?? '/', Array.isArray(key) ? key[0] : key)
      .then((answer) => {
        response.writeHead(answer.status, answer.headers);
        response.end(JSON.stringify(answer.body));
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 500, error: `simulator bug: ${String(error)}` }));
      });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${actualPort}/v1`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
