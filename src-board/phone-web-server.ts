import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecuteResult } from '../src-firmware/services/service-browser';
import { PhoneObjectError } from '../src-firmware/services/phone-objects';
import { escapeXml } from '../src-firmware/xml/xml-parser';
import { packImageData, rasterizeLcd } from '../src-firmware/lcd/lcd-raster';
import type { PhoneSnapshot } from '../src-firmware/phone-snapshot';
import { httpRequest } from './http-client';
import { encodeLcdPng } from './png-encoder';

/**
 * The small web server a real Cisco phone runs (IP Phone Services SDK,
 * "Pushing objects"): `POST /CGI/Execute` with a form field `XML` holding a
 * CiscoIPPhoneExecute, authorised by HTTP Basic credentials that the phone
 * checks against its config's `authenticationURL` (which must answer
 * `AUTHORIZED`); `GET /CGI/Screenshot`; `/DeviceInformationX` and
 * `/NetworkConfigurationX`. Tools that drive real phones drive this one.
 */

/** The phone behind the server: the firmware itself, or a page the host talks to. */
export interface PhoneWebTarget {
  execute(xml: string): Promise<readonly ExecuteResult[]>;
  snapshot(): Promise<PhoneSnapshot>;
  deviceInformation(): Promise<readonly (readonly [string, string])[]>;
  networkConfiguration(): Promise<readonly (readonly [string, string])[]>;
  /** The config's authenticationURL ('' when none is configured). */
  authenticationUrl(): Promise<string>;
  deviceName(): Promise<string>;
}

/** CiscoIPPhoneError numbers (SDK): 1 parsing the Execute, 2 framing the Response, 3 internal file error, 4 authentication. */
export function ciscoIpPhoneError(number: 1 | 2 | 3 | 4): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<CiscoIPPhoneError Number="${number}"/>\n`;
}

export function ciscoIpPhoneResponse(results: readonly ExecuteResult[]): string {
  const items = results.map((result) =>
    `<ResponseItem Status="${result.status}" Data="${escapeXml(result.data)}" URL="${escapeXml(result.url)}"/>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<CiscoIPPhoneResponse>\n${items.join('\n')}\n</CiscoIPPhoneResponse>\n`;
}

/** Largest pushed object a phone takes (SDK: 40 KB POST body). */
const MAX_EXECUTE_BODY = 40 * 1024;

export interface RunningPhoneWebServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startPhoneWebServer(target: PhoneWebTarget, options: { port: number; host?: string }): Promise<RunningPhoneWebServer> {
  const server: Server = createServer((request, response) => {
    void route(target, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/xml' });
      response.end(ciscoIpPhoneError(3));
      void error;
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function route(target: PhoneWebTarget, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const query = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
  if (path === '/CGI/Execute') {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'POST a form with an XML field', { Allow: 'POST' });
    return execute(target, request, response);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed');
  switch (path) {
    case '/CGI/Screenshot': {
      const raster = rasterizeLcd(await target.snapshot());
      const accept = request.headers.accept ?? '';
      const wantsXml = /x-CiscoIPPhone|text\/xml/i.test(accept) || /^(xml|CiscoIPPhoneImage)$/i.test(query.get('format') ?? '');
      if (wantsXml) {
        const xml = `<?xml version="1.0" encoding="utf-8"?>\n<CiscoIPPhoneImage>\n<Title>Screenshot</Title>\n<LocationX>0</LocationX>\n<LocationY>0</LocationY>\n` +
          `<Width>${raster.width}</Width>\n<Height>${raster.height}</Height>\n<Depth>2</Depth>\n<Data>${packImageData(raster)}</Data>\n</CiscoIPPhoneImage>\n`;
        return send(response, 200, 'text/xml; charset=utf-8', xml);
      }
      return send(response, 200, 'image/png', encodeLcdPng(raster));
    }
    case '/DeviceInformationX':
      return send(response, 200, 'text/xml; charset=utf-8', fieldsXml('DeviceInformation', await target.deviceInformation()));
    case '/NetworkConfigurationX':
      return send(response, 200, 'text/xml; charset=utf-8', fieldsXml('NetworkConfiguration', await target.networkConfiguration()));
    case '/':
      return send(response, 200, 'text/html; charset=utf-8', indexPage(await target.deviceName()));
    default:
      return send(response, 404, 'text/plain', 'Not found');
  }
}

async function execute(target: PhoneWebTarget, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request, MAX_EXECUTE_BODY);
  if (body === null) return send(response, 413, 'text/xml', ciscoIpPhoneError(1));
  if (!(await authorised(target, request))) {
    return send(response, 401, 'text/xml', ciscoIpPhoneError(4), { 'WWW-Authenticate': 'Basic realm="IP Phone"' });
  }
  const contentType = request.headers['content-type'] ?? '';
  const xml = /xml/i.test(contentType) && !/x-www-form-urlencoded/i.test(contentType)
    ? body
    : new URLSearchParams(body).get('XML') ?? new URLSearchParams(body).get('xml') ?? '';
  if (!xml.trim()) return send(response, 200, 'text/xml', ciscoIpPhoneError(1));
  try {
    const results = await target.execute(xml);
    return send(response, 200, 'text/xml; charset=utf-8', ciscoIpPhoneResponse(results));
  } catch (error) {
    if (error instanceof PhoneObjectError || (error as Error).name === 'PhoneObjectError') {
      return send(response, 200, 'text/xml', ciscoIpPhoneError(1));
    }
    throw error;
  }
}

/**
 * The phone asks its authenticationURL with the pushed credentials
 * (`UserID`, `Password`, `devicename`, as CUCM's authenticate.jsp takes
 * them) and accepts only the answer `AUTHORIZED`.
 */
async function authorised(target: PhoneWebTarget, request: IncomingMessage): Promise<boolean> {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const authUrl = await target.authenticationUrl();
  if (!authUrl) return false;
  const query = new URLSearchParams({ UserID: decoded.slice(0, colon), Password: decoded.slice(colon + 1), devicename: await target.deviceName() });
  const url = `${authUrl}${authUrl.includes('?') ? '&' : '?'}${query.toString()}`;
  const answer = await httpRequest({ method: 'GET', url, headers: {}, timeoutMs: 5000, maxBytes: 4096 });
  return answer.outcome === 'ok' && answer.status === 200 && Buffer.from(answer.body).toString('utf8').trim() === 'AUTHORIZED';
}

function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

function fieldsXml(root: string, fields: readonly (readonly [string, string])[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>\n${fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('\n')}\n</${root}>\n`;
}

function indexPage(deviceName: string): string {
  const name = escapeXml(deviceName);
  return `<!doctype html><title>${name}</title><h1>Cisco IP Phone CP-7960G (${name})</h1>
<ul><li><a href="/DeviceInformationX">Device Information</a></li><li><a href="/NetworkConfigurationX">Network Configuration</a></li>
<li><a href="/CGI/Screenshot">Screenshot</a></li></ul>`;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  response.end(body);
}

/** The firmware in this same process as the server's target (headless phone, Electron main). */
export function localPhoneTarget(phone: {
  execute(xml: string): Promise<readonly ExecuteResult[]>;
  getSnapshot(): PhoneSnapshot;
  deviceInformation(): readonly (readonly [string, string])[];
  networkConfiguration(): readonly (readonly [string, string])[];
  getConfig(): { readonly urls: { readonly authentication: string } } | null;
}): PhoneWebTarget {
  return {
    execute: (xml) => phone.execute(xml),
    snapshot: async () => phone.getSnapshot(),
    deviceInformation: async () => phone.deviceInformation(),
    networkConfiguration: async () => phone.networkConfiguration(),
    authenticationUrl: async () => phone.getConfig()?.urls.authentication ?? '',
    deviceName: async () => phone.getSnapshot().deviceName,
  };
}
