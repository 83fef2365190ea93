/**
 * AXL SOAP 1.1 envelopes (cisco-reference §5): decoding a request into its
 * operation element, encoding `<ns:{op}Response>` and SOAP Faults.
 *
 * - Namespace `http://www.cisco.com/AXL/API/<ver>`; the response echoes the
 *   request's version (from the operation's namespace, else from
 *   `SOAPAction: "CUCM:DB ver=<ver> <op>"`, else `DEFAULT_AXL_VERSION`).
 * - Children of the operation are unqualified; the decoder also tolerates
 *   prefixed ones (matching is by local name).
 * - A fault is `soapenv:Fault` with `faultcode`, `faultstring` and
 *   `detail/axlError/{axlcode, axlmessage, request}`; CUCM sends it with HTTP
 *   500.
 *
 * XML is parsed by the firmware's defensive parser (no DTD, size and depth
 * caps), never by a second parser.
 */
import { parseXml, XmlParseError, type XmlElement } from '../src-firmware/xml/xml-parser';
import { escapeXml } from './cnf-xml';
import { childNamed, elementChildren, localName } from './xml-local-names';

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const AXL_NS_PREFIX = 'http://www.cisco.com/AXL/API/';
export const DEFAULT_AXL_VERSION = '12.5';

/**
 * axlcodes the lab answers with.
 * - 5007 "Item not valid: The specified <Object> was not found" (cisco-reference §5).
 * - -239 is the Informix unique-index error CUCM passes through for a
 *   duplicate name: "Could not insert new row - duplicate value in a UNIQUE
 *   INDEX column (Unique Index:)." (seen in public AXL client code and fault
 *   traces, e.g. addRoutePartition / addLine duplicates).
 * - 5003 for a request the lab cannot act on (missing or invalid element).
 * - 5000 for an operation the lab does not implement.
 */
export const AXL_CODE = { notFound: 5007, duplicate: -239, badRequest: 5003, unsupported: 5000 } as const;

export const DUPLICATE_MESSAGE = 'Could not insert new row - duplicate value in a UNIQUE INDEX column (Unique Index:).';

export class AxlFault extends Error {
  constructor(
    readonly axlcode: number,
    readonly axlmessage: string,
    /** The operation name, echoed in `detail/axlError/request`. */
    readonly request: string,
    readonly faultcode: 'soapenv:Server' | 'soapenv:Client' = 'soapenv:Server',
  ) {
    super(axlmessage);
    this.name = 'AxlFault';
  }
}

export interface AxlRequest {
  readonly version: string;
  /** Local name, e.g. `getPhone`. */
  readonly operation: string;
  /** The operation element (`<ns:getPhone>`). */
  readonly body: XmlElement;
}

function versionOf(namespace: string | undefined): string | undefined {
  if (namespace === undefined || !namespace.startsWith(AXL_NS_PREFIX)) return undefined;
  const version = namespace.slice(AXL_NS_PREFIX.length).replace(/\/$/, '');
  return /^[0-9]+(\.[0-9]+)*$/.test(version) ? version : undefined;
}

/** `"CUCM:DB ver=12.5 getPhone"` → `{ version, operation }`; quotes optional. */
export function parseSoapAction(header: string | undefined): { version?: string; operation?: string } {
  const match = /CUCM:DB\s+ver=([0-9.]+)(?:\s+(\w+))?/.exec(header ?? '');
  if (match === null) return {};
  return { ...(match[1] ? { version: match[1] } : {}), ...(match[2] ? { operation: match[2] } : {}) };
}

export function decodeAxlRequest(xml: string, soapAction?: string): AxlRequest {
  let root: XmlElement;
  try {
    root = parseXml(xml, { maxLength: 256 * 1024, maxDepth: 24, maxElements: 5000 });
  } catch (error) {
    const reason = error instanceof XmlParseError ? error.message : String(error);
    throw new AxlFault(AXL_CODE.badRequest, `Unable to parse the request: ${reason}`, '', 'soapenv:Client');
  }
  if (localName(root.name) !== 'Envelope') throw new AxlFault(AXL_CODE.badRequest, 'Not a SOAP Envelope', '', 'soapenv:Client');
  const body = childNamed(root, 'Body');
  const operation = elementChildren(body)[0];
  if (operation === undefined) throw new AxlFault(AXL_CODE.badRequest, 'The SOAP Body holds no operation', '', 'soapenv:Client');
  const prefix = operation.name.includes(':') ? operation.name.slice(0, operation.name.indexOf(':')) : '';
  const attribute = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  const namespace = [operation, body, root].map((e) => e?.attributes[attribute]).find((v) => v !== undefined);
  const action = parseSoapAction(soapAction);
  return {
    version: versionOf(namespace) ?? action.version ?? DEFAULT_AXL_VERSION,
    operation: localName(operation.name),
    body: operation,
  };
}

function envelope(inner: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>\n`;
}

/** `returnXml` is the already-encoded `<return>…</return>`. */
export function encodeAxlResponse(version: string, operation: string, returnXml: string): string {
  return envelope(`<ns:${operation}Response xmlns:ns="${AXL_NS_PREFIX}${escapeXml(version)}">${returnXml}</ns:${operation}Response>`);
}

export function encodeAxlFault(fault: AxlFault): string {
  return envelope('<soapenv:Fault>' +
    `<faultcode>${fault.faultcode}</faultcode><faultstring>${escapeXml(fault.axlmessage)}</faultstring>` +
    `<detail><axlError><axlcode>${fault.axlcode}</axlcode><axlmessage>${escapeXml(fault.axlmessage)}</axlmessage>` +
    `<request>${escapeXml(fault.request)}</request></axlError></detail></soapenv:Fault>`);
}

