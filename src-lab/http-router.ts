/**
 * A small HTTP router for the lab's servers (the lab API and each cluster's
 * admin server). Handlers take a decoded request and return a reply; the
 * binding to `node:http` is `startHttpServer`.
 *
 * To add an endpoint (AXL, EM, ccmcip…): `router.add('POST', '/axl/', handler)`
 * on `RunningCluster.admin`. A path ending in `/` matches that prefix; any
 * other string matches exactly; a RegExp is tested against the pathname.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { HostPort } from './topology';

export interface HttpRequestInfo {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface HttpReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

export type RouteHandler = (request: HttpRequestInfo) => HttpReply | Promise<HttpReply>;

interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  readonly handler: RouteHandler;
}

/** Request bodies above this are refused with 413. */
const MAX_BODY_BYTES = 1024 * 1024;

export function jsonReply(value: unknown, status = 200): HttpReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `${JSON.stringify(value)}\n` };
}

export function textReply(status: number, body: string, contentType = 'text/plain; charset=utf-8'): HttpReply {
  return { status, headers: { 'content-type': contentType }, body };
}

export class HttpRouter {
  private readonly routes: Route[] = [];

  add(method: string, path: string | RegExp, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), path, handler });
    return this;
  }

  async handle(request: HttpRequestInfo): Promise<HttpReply> {
    const pathname = request.url.pathname;
    const matching = this.routes.filter((route) => {
      if (route.path instanceof RegExp) return route.path.test(pathname);
      return route.path.endsWith('/') ? pathname.startsWith(route.path) : pathname === route.path;
    });
    if (matching.length === 0) return textReply(404, 'Not Found\n');
    const route = matching.find((candidate) => candidate.method === request.method ||
      (candidate.method === 'GET' && request.method === 'HEAD'));
    if (route === undefined) return textReply(405, 'Method Not Allowed\n');
    try {
      return await route.handler(request);
    } catch (error) {
      return textReply(500, `${(error as Error).message}\n`);
    }
  }
}

export interface RunningHttpServer {
  readonly address: HostPort;
  readonly url: string;
  close(): Promise<void>;
}

export async function startHttpServer(router: HttpRouter, host: string, port: number): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const reply: Promise<HttpReply> = tooLarge
        ? Promise.resolve(textReply(413, 'Payload Too Large\n'))
        : router.handle({
            method: req.method ?? 'GET',
            url: new URL(req.url ?? '/', `http://${req.headers.host ?? `${host}:${port}`}`),
            headers: req.headers,
            body: Buffer.concat(chunks),
          });
      void reply.then((answer) => {
        res.writeHead(answer.status, { 'access-control-allow-origin': '*', 'cache-control': 'no-store', ...answer.headers });
        res.end(req.method === 'HEAD' ? undefined : answer.body);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('HTTP server has no address');
  const address = { host: bound.address, port: bound.port };
  return {
    address,
    url: `http://${formatHost(address.host)}:${address.port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Brackets IPv6 literals for URLs. */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
