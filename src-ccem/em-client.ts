/**
 * Extension Mobility API client (cisco-reference §4.1–4.3): `POST
 * <cucm>/emservice/EMServiceServlet`, `application/x-www-form-urlencoded`,
 * one field `xml`; the caller authenticates inside the document
 * (`appInfo/appID`, `appCertificate`). Failures come back with HTTP 200 as
 * `<response><failure><error code="n">` → `EmFailureError(code)`; no answer or
 * another HTTP status → `ClusterUnreachableError`.
 *
 * No PIN crosses this API: the EM API trusts its proxy application (§4.2).
 */
import { escapeXml, parseXml, type XmlElement } from '../src-firmware/xml/xml-parser';
import { childNamed, childText, elementChildren, localName } from '../src-lab/xml-local-names';
import { ClusterUnreachableError, EmFailureError } from './cluster-errors';
import { postText } from './soap-http';

export interface EmEndpoint {
  readonly cluster: string;
  /** `https://cucm:8443/emservice/EMServiceServlet` */
  readonly url: string;
  readonly appId: string;
  readonly appCertificate: string;
  readonly timeoutMs?: number;
}

function element(tag: string, value: string): string {
  return `<${tag}>${escapeXml(value)}</${tag}>`;
}

export class EmClient {
  constructor(readonly endpoint: EmEndpoint) {}

  get cluster(): string {
    return this.endpoint.cluster;
  }

  /** EM login; without `exclusiveDuration` (the CCEM service keeps the maximum login time itself). */
  async login(deviceName: string, userId: string): Promise<void> {
    await this.send('request', 'login', `<login>${element('deviceName', deviceName)}${element('userID', userId)}</login>`);
  }

  async logout(deviceName: string): Promise<void> {
    await this.send('request', 'logout', `<logout>${element('deviceName', deviceName)}</logout>`);
  }

  /** The user logged in on the device; null when nobody is; undefined when the device does not exist. */
  async deviceUser(deviceName: string): Promise<string | null | undefined> {
    const response = await this.send('query', 'deviceUserQuery', `<deviceUserQuery>${element('deviceName', deviceName)}</deviceUserQuery>`);
    const device = childNamed(childNamed(response, 'deviceUserResults'), 'device');
    if (device === undefined) return undefined;
    if (childNamed(device, 'doesNotExist') !== undefined) return undefined;
    const user = childText(device, 'userID');
    return user === undefined || user === '' ? null : user;
  }

  private async send(root: 'request' | 'query', operation: string, body: string): Promise<XmlElement> {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><${root}><appInfo>${element('appID', this.endpoint.appId)}` +
      `${element('appCertificate', this.endpoint.appCertificate)}</appInfo>${body}</${root}>`;
    const answer = await postText(this.cluster, this.endpoint.url,
      { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ xml }).toString(), this.endpoint.timeoutMs ?? 5000);
    if (answer.status !== 200) throw new ClusterUnreachableError(this.cluster, `EM ${operation}: HTTP ${answer.status}`);
    let response: XmlElement;
    try {
      response = parseXml(answer.body, { maxLength: 256 * 1024, maxDepth: 16, maxElements: 5000 });
    } catch (error) {
      throw new EmFailureError(this.cluster, operation, 1, `unparsable answer: ${(error as Error).message}`);
    }
    const failure = childNamed(response, 'failure');
    if (failure !== undefined) {
      const error = childNamed(failure, 'error');
      const code = Number(error?.attributes.code ?? '0');
      throw new EmFailureError(this.cluster, operation, Number.isFinite(code) ? code : 0, childText(failure, 'error') ?? '');
    }
    if (localName(response.name) !== 'response' && localName(response.name) !== 'results') {
      throw new EmFailureError(this.cluster, operation, 1, `unexpected <${response.name}>`);
    }
    if (root === 'request' && childNamed(response, 'success') === undefined && elementChildren(response).length > 0) {
      throw new EmFailureError(this.cluster, operation, 0, 'no <success/> in the answer');
    }
    return response;
  }
}
