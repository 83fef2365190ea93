/**
 * Test-only clients for a cluster's admin APIs over real HTTP: AXL SOAP
 * requests (`axlCall`) and EM API requests (`emCall`), parsed back with the
 * firmware's XML parser.
 */
import { parseXml, type XmlElement } from '../../src-firmware/xml/xml-parser';
import { childNamed, childText } from '../xml-local-names';

export interface AxlCallOptions {
  readonly version?: string;
  readonly user?: string;
  readonly password?: string;
  readonly soapAction?: boolean;
}

export interface AxlAnswer {
  readonly status: number;
  readonly text: string;
  /** The `<return>` element, on success. */
  readonly returned?: XmlElement;
  /** `detail/axlError`, on a fault. */
  readonly fault?: { readonly faultcode: string; readonly axlcode: number; readonly axlmessage: string; readonly request: string };
  /** The namespace of the `…Response` element. */
  readonly namespace?: string;
}

export async function axlCall(adminUrl: string, operation: string, inner: string, options: AxlCallOptions = {}): Promise<AxlAnswer> {
  const version = options.version ?? '12.5';
  const headers: Record<string, string> = {
    'content-type': 'text/xml; charset=utf-8',
    authorization: `Basic ${Buffer.from(`${options.user ?? 'ccmadmin'}:${options.password ?? 'cisco'}`).toString('base64')}`,
  };
  if (options.soapAction !== false) headers.soapaction = `"CUCM:DB ver=${version} ${operation}"`;
  const body = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://www.cisco.com/AXL/API/${version}">` +
    `<soapenv:Header/><soapenv:Body><ns:${operation}>${inner}</ns:${operation}></soapenv:Body></soapenv:Envelope>`;
  const response = await fetch(`${adminUrl}/axl/`, { method: 'POST', headers, body });
  const text = await response.text();
  if (response.status === 401) return { status: 401, text };
  const envelope = parseXml(text);
  const soapBody = childNamed(envelope, 'Body');
  const fault = childNamed(soapBody, 'Fault');
  if (fault !== undefined) {
    return {
      status: response.status,
      text,
      fault: {
        faultcode: childText(fault, 'faultcode') ?? '',
        axlcode: Number(childText(fault, 'detail', 'axlError', 'axlcode')),
        axlmessage: childText(fault, 'detail', 'axlError', 'axlmessage') ?? '',
        request: childText(fault, 'detail', 'axlError', 'request') ?? '',
      },
    };
  }
  const answer = childNamed(soapBody, `${operation}Response`);
  const returned = childNamed(answer, 'return');
  return { status: response.status, text, ...(returned ? { returned } : {}), ...(answer?.attributes['xmlns:ns'] ? { namespace: answer.attributes['xmlns:ns'] } : {}) };
}

export interface EmAnswer {
  readonly status: number;
  readonly text: string;
  readonly root: XmlElement;
  /** The failure's code, or null on anything else. */
  readonly code: number | null;
}

/** POSTs `xml` as the form field of the same name, as EM clients do. */
export async function emCall(adminUrl: string, xml: string): Promise<EmAnswer> {
  const response = await fetch(`${adminUrl}/emservice/EMServiceServlet`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xml }).toString(),
  });
  const text = await response.text();
  const root = parseXml(text);
  const error = childNamed(childNamed(root, 'failure'), 'error');
  return { status: response.status, text, root, code: error === undefined ? null : Number(error.attributes.code) };
}

export function appInfo(id = 'ccmadmin', password = 'cisco'): string {
  return `<appInfo><appID>${id}</appID><appCertificate>${password}</appCertificate></appInfo>`;
}

export function emLogin(device: string, user: string, extra = '', app = appInfo()): string {
  return `<request>${app}<login><deviceName>${device}</deviceName><userID>${user}</userID>${extra}</login></request>`;
}

export function emLogout(device: string, app = appInfo()): string {
  return `<request>${app}<logout><deviceName>${device}</deviceName></logout></request>`;
}
