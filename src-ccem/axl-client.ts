/**
 * AXL SOAP client (cisco-reference §5): `POST <cucm>/axl/` with HTTP Basic
 * (an application user with "Standard AXL API Access"), `Content-Type:
 * text/xml`, `SOAPAction: "CUCM:DB ver=<ver> <op>"`, namespace
 * `http://www.cisco.com/AXL/API/<ver>` on the operation, unqualified
 * children. The answer's `<return>` is read by local name; a SOAP Fault
 * becomes `AxlFaultError(axlcode)`; no answer, or an HTTP status other than
 * 200/500, becomes `ClusterUnreachableError`.
 *
 * Only the operations the CCEM flow needs (design.md §2). Parsing uses the
 * firmware's defensive XML parser; no second parser.
 */
import { escapeXml, parseXml, type XmlElement } from '../src-firmware/xml/xml-parser';
import { childNamed, childrenNamed, childText, elementChildren } from '../src-lab/xml-local-names';
import { AXL_NOT_FOUND, AxlFaultError, ClusterUnreachableError } from './cluster-errors';
import { postText } from './soap-http';

export interface AxlEndpoint {
  /** Cluster id, for errors and events. */
  readonly cluster: string;
  /** `https://cucm:8443/axl/` */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** AXL schema version, default 12.5. */
  readonly version?: string;
  readonly timeoutMs?: number;
}

export interface AxlPhone {
  readonly uuid: string;
  readonly name: string;
  readonly product: string;
  readonly description: string;
  readonly lines: readonly string[];
}

export interface AxlUser {
  readonly userid: string;
  readonly telephoneNumber: string;
  readonly displayName: string;
  /** `homeCluster` true/false; undefined when the cluster did not say. */
  readonly homeCluster: boolean | undefined;
}

export interface NewAxlPhone {
  readonly name: string;
  readonly product: string;
  readonly description: string;
  readonly enableExtensionMobility: boolean;
}

function element(tag: string, value: string | boolean): string {
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

export class AxlClient {
  constructor(readonly endpoint: AxlEndpoint) {}

  get cluster(): string {
    return this.endpoint.cluster;
  }

  /** The phone, or null for axlcode 5007. */
  async getPhone(name: string): Promise<AxlPhone | null> {
    try {
      const returned = await this.call('getPhone', element('name', name) +
        '<returnedTags><name/><description/><product/><lines><line><dirn><pattern/></dirn></line></lines></returnedTags>');
      const phone = childNamed(returned, 'phone');
      if (phone === undefined) throw new AxlFaultError(this.cluster, 'getPhone', 0, 'no phone in the answer');
      return {
        uuid: phone.attributes.uuid ?? '',
        name: childText(phone, 'name') ?? name,
        product: childText(phone, 'product') ?? '',
        description: childText(phone, 'description') ?? '',
        lines: childrenNamed(childNamed(phone, 'lines'), 'line').map((line) => childText(line, 'dirn', 'pattern') ?? ''),
      };
    } catch (error) {
      if (error instanceof AxlFaultError && error.axlcode === AXL_NOT_FOUND) return null;
      throw error;
    }
  }

  /** addPhone: class Phone, protocol SIP (the lab emulates SIP phones only). Returns the uuid. */
  async addPhone(phone: NewAxlPhone): Promise<string> {
    const returned = await this.call('addPhone', '<phone>' + element('name', phone.name) + element('description', phone.description) +
      element('product', phone.product) + element('class', 'Phone') + element('protocol', 'SIP') + element('protocolSide', 'User') +
      element('enableExtensionMobility', phone.enableExtensionMobility) + '</phone>');
    return childText(returned) ?? '';
  }

  /** updatePhone with `newName` (a rename keeps the uuid). */
  async renamePhone(name: string, newName: string): Promise<void> {
    await this.call('updatePhone', element('name', name) + element('newName', newName));
  }

  async removePhone(name: string): Promise<void> {
    await this.call('removePhone', element('name', name));
  }

  /** doDeviceReset with `isHardReset` false (restart) or true (reset). */
  async doDeviceReset(deviceName: string, kind: 'restart' | 'reset'): Promise<void> {
    await this.call('doDeviceReset', element('deviceName', deviceName) + element('isHardReset', kind === 'reset'));
  }

  /** The end user, or null for axlcode 5007. */
  async getUser(userid: string): Promise<AxlUser | null> {
    try {
      const returned = await this.call('getUser', element('userid', userid) +
        '<returnedTags><userid/><telephoneNumber/><displayName/><homeCluster/></returnedTags>');
      const user = childNamed(returned, 'user');
      if (user === undefined) throw new AxlFaultError(this.cluster, 'getUser', 0, 'no user in the answer');
      const home = childText(user, 'homeCluster');
      return {
        userid: childText(user, 'userid') ?? userid,
        telephoneNumber: childText(user, 'telephoneNumber') ?? '',
        displayName: childText(user, 'displayName') ?? '',
        homeCluster: home === undefined || home === '' ? undefined : /^(true|t|1)$/i.test(home),
      };
    } catch (error) {
      if (error instanceof AxlFaultError && error.axlcode === AXL_NOT_FOUND) return null;
      throw error;
    }
  }

  /**
   * doAuthenticateUser with `pin` (AXL DoAuthenticateUserReq): true when the
   * cluster accepts the PIN. The PIN goes only into this request body.
   */
  async authenticatePin(userid: string, pin: string): Promise<boolean> {
    const returned = await this.call('doAuthenticateUser', element('userid', userid) + element('pin', pin));
    return /^(true|t|1)$/i.test(childText(returned, 'userAuthenticated') ?? '');
  }

  /** One operation; resolves with its `<return>` element (or undefined when empty). */
  private async call(operation: string, inner: string): Promise<XmlElement | undefined> {
    const version = this.endpoint.version ?? '12.5';
    const envelope = '<?xml version="1.0" encoding="UTF-8"?>' +
      `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://www.cisco.com/AXL/API/${version}">` +
      `<soapenv:Header/><soapenv:Body><ns:${operation}>${inner}</ns:${operation}></soapenv:Body></soapenv:Envelope>`;
    const auth = Buffer.from(`${this.endpoint.user}:${this.endpoint.password}`, 'utf8').toString('base64');
    const answer = await postText(this.cluster, this.endpoint.url, {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `"CUCM:DB ver=${version} ${operation}"`,
      authorization: `Basic ${auth}`,
    }, envelope, this.endpoint.timeoutMs ?? 5000);
    if (answer.status !== 200 && answer.status !== 500) {
      throw new ClusterUnreachableError(this.cluster, `AXL ${operation}: HTTP ${answer.status}`);
    }
    let root: XmlElement;
    try {
      root = parseXml(answer.body, { maxLength: 1024 * 1024, maxDepth: 32, maxElements: 20_000 });
    } catch (error) {
      throw new AxlFaultError(this.cluster, operation, 0, `unparsable answer: ${(error as Error).message}`);
    }
    const body = childNamed(root, 'Body');
    const first = elementChildren(body)[0];
    if (first === undefined) throw new AxlFaultError(this.cluster, operation, 0, 'empty SOAP Body');
    if (first.name.endsWith('Fault')) {
      const axlError = childNamed(childNamed(first, 'detail'), 'axlError');
      const code = Number(childText(axlError, 'axlcode') ?? '0');
      const message = childText(axlError, 'axlmessage') ?? childText(first, 'faultstring') ?? 'SOAP Fault';
      throw new AxlFaultError(this.cluster, operation, Number.isFinite(code) ? code : 0, message);
    }
    return childNamed(first, 'return');
  }
}
