/**
 * Binds a cluster's `ExtensionMobilityService` to its admin server
 * (cisco-reference §4.1): `POST /emservice/EMServiceServlet` with
 * `application/x-www-form-urlencoded` field `xml`. A GET with `?xml=` and the
 * pre-4.1 path `/EMservice/EMServiceServlet` are accepted too. Answers are
 * always HTTP 200 `text/xml`; failures are EM codes inside the document.
 */
import { EM_CODE, EmFailure, decodeEmRequest, encodeEmResponse, type EmResponse } from './em-xml-codec';
import type { ExtensionMobilityService } from './em-service';
import type { HttpReply, HttpRequestInfo, HttpRouter } from './http-router';

export const EM_SERVICE_PATH = '/emservice/EMServiceServlet';
const LEGACY_EM_SERVICE_PATH = '/EMservice/EMServiceServlet';

function xmlField(request: HttpRequestInfo): string | undefined {
  const fromQuery = request.url.searchParams.get('xml');
  if (request.method !== 'POST') return fromQuery ?? undefined;
  const type = String(request.headers['content-type'] ?? '');
  const text = request.body.toString('utf8');
  if (/^(text|application)\/xml/i.test(type)) return text;
  return new URLSearchParams(text).get('xml') ?? fromQuery ?? undefined;
}

export function mountEmService(router: HttpRouter, service: ExtensionMobilityService): void {
  const handler = async (request: HttpRequestInfo): Promise<HttpReply> => {
    const xml = xmlField(request);
    let response: EmResponse;
    if (xml === undefined || xml.trim() === '') {
      response = service.failed(new EmFailure(EM_CODE.parse, 'No xml field in the request'));
    } else {
      try {
        response = await service.handle(decodeEmRequest(xml));
      } catch (error) {
        response = service.failed(error instanceof EmFailure ? error : new EmFailure(EM_CODE.unknown, String(error)));
      }
    }
    return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: encodeEmResponse(response) };
  };
  for (const path of [EM_SERVICE_PATH, LEGACY_EM_SERVICE_PATH]) {
    router.add('POST', path, handler);
    router.add('GET', path, handler);
  }
}
