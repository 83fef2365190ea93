/**
 * Binds a cluster's `AxlService` to `POST /axl/` on its admin server
 * (cisco-reference §5): HTTP Basic with the cluster's application user (else
 * 401 with `WWW-Authenticate`), `SOAPAction: "CUCM:DB ver=X op"` optional,
 * `text/xml` both ways; a fault answers HTTP 500 as CUCM does.
 */
import { isAppUser, basicCredentials } from './cluster-credentials';
import { AxlFault, decodeAxlRequest, encodeAxlFault, encodeAxlResponse } from './axl-soap-codec';
import type { AxlService } from './axl-service';
import type { HttpReply, HttpRouter } from './http-router';
import type { ClusterSpec } from './topology';

export const AXL_PATH = '/axl/';

const XML = 'text/xml; charset=utf-8';

export function mountAxl(router: HttpRouter, spec: ClusterSpec, service: AxlService): void {
  router.add('POST', AXL_PATH, async (request): Promise<HttpReply> => {
    const credentials = basicCredentials(request.headers.authorization);
    if (credentials === null || !isAppUser(spec, credentials.id, credentials.password)) {
      return {
        status: 401,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Basic realm="Cisco AXL"' },
        body: 'Unauthorized\n',
      };
    }
    const soapAction = Array.isArray(request.headers.soapaction) ? request.headers.soapaction[0] : request.headers.soapaction;
    try {
      const axl = decodeAxlRequest(request.body.toString('utf8'), soapAction);
      const returned = await service.execute(axl.operation, axl.body);
      return { status: 200, headers: { 'content-type': XML }, body: encodeAxlResponse(axl.version, axl.operation, returned) };
    } catch (error) {
      const fault = error instanceof AxlFault ? error : new AxlFault(0, String(error), '');
      return { status: 500, headers: { 'content-type': XML }, body: encodeAxlFault(fault) };
    }
  });
}
