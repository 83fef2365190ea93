/**
 * Binds the phone-facing services of one cluster to its admin HTTP server:
 *
 * | path | answer |
 * | --- | --- |
 * | `GET /ccmcip/getservicesmenu.jsp` | CiscoIPPhoneMenu "Services" (`phone-services.ts`) |
 * | `GET /ccmcip/xmldirectory.jsp` | CiscoIPPhoneMenu → Corporate Directory |
 * | `GET /ccmcip/xmldirectoryinput.jsp` | CiscoIPPhoneInput (f, l, n) |
 * | `GET /ccmcip/xmldirectorylist.jsp?f=&l=&n=&start=` | CiscoIPPhoneDirectory, all clusters' users |
 * | `GET /ccmcip/authenticate.jsp?UserID=&Password=&devicename=` | `AUTHORIZED` or `ERROR`, text/plain, no newline |
 * | `GET /services/clock` | CiscoIPPhoneText, `Refresh: 30` |
 * | `GET /services/image` | CiscoIPPhoneImage 133 × 65 × 2 |
 * | `GET /services/echo`, `/services/echo/result` | Input, then Text echoing the raw query string |
 *
 * URLs inside the XML are absolute, built from the origin the phone used
 * (`Host` header), so they work on any bound address and port.
 */
import { isAppUser, isEndUser } from './cluster-credentials';
import type { DeviceDatabase } from './device-database';
import {
  DIRECTORY_PATHS, directoryMenuXml, directoryResultsXml, directorySearchXml, searchDirectory,
  type DirectoryCriteria, type DirectoryPerson,
} from './directory-service';
import type { HttpReply, HttpRequestInfo, HttpRouter } from './http-router';
import {
  CLOCK_REFRESH_SECONDS, clockXml, echoInputXml, echoResultXml, imageServiceXml, SAMPLE_SERVICE_PATHS,
  SERVICES_MENU_PATH, servicesMenuXml,
} from './phone-services';
import { phoneXmlReply } from './phone-xml-objects';
import type { ClusterSpec } from './topology';

export const AUTHENTICATE_PATH = '/ccmcip/authenticate.jsp';

export interface PhoneServicesContext {
  readonly spec: ClusterSpec;
  readonly database: DeviceDatabase;
  /** Every user of every cluster, read at each directory request. */
  readonly people: () => readonly DirectoryPerson[];
  /** The CCEM service's base URL, read at each menu request. */
  readonly ccemUrl: () => string;
  readonly now?: () => Date;
}

/** A query parameter matched case-insensitively (phones and tools differ in case). */
function param(request: HttpRequestInfo, name: string): string | undefined {
  for (const [key, value] of request.url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

function plain(body: string): HttpReply {
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

export function mountPhoneServices(router: HttpRouter, context: PhoneServicesContext): void {
  const base = (request: HttpRequestInfo): string => request.url.origin;
  const now = context.now ?? ((): Date => new Date());

  router.add('GET', SERVICES_MENU_PATH, (request) =>
    phoneXmlReply(servicesMenuXml(base(request), context.spec.phoneServices, context.ccemUrl())));

  router.add('GET', DIRECTORY_PATHS.menu, (request) => phoneXmlReply(directoryMenuXml(base(request))));
  router.add('GET', DIRECTORY_PATHS.input, (request) => phoneXmlReply(directorySearchXml(base(request))));
  router.add('GET', DIRECTORY_PATHS.list, (request) => {
    const criteria: DirectoryCriteria = {
      firstName: param(request, 'f') ?? '', lastName: param(request, 'l') ?? '', number: param(request, 'n') ?? '',
    };
    const start = Number.parseInt(param(request, 'start') ?? '1', 10);
    const page = searchDirectory(context.people(), criteria, Number.isFinite(start) ? start : 1);
    return phoneXmlReply(directoryResultsXml(base(request), criteria, page));
  });

  // The phone's /CGI/Execute asks this with the pusher's credentials; only
  // the exact body AUTHORIZED grants (cisco-reference §2.2).
  router.add('GET', AUTHENTICATE_PATH, (request) => {
    const id = param(request, 'UserID') ?? '';
    const password = param(request, 'Password') ?? '';
    const granted = id !== '' &&
      (isAppUser(context.spec, id, password) || isEndUser(context.spec, context.database, id, password));
    return plain(granted ? 'AUTHORIZED' : 'ERROR');
  });

  router.add('GET', SAMPLE_SERVICE_PATHS.clock, () =>
    phoneXmlReply(clockXml(now()), { refresh: String(CLOCK_REFRESH_SECONDS) }));
  router.add('GET', SAMPLE_SERVICE_PATHS.image, () => phoneXmlReply(imageServiceXml()));
  router.add('GET', SAMPLE_SERVICE_PATHS.echo, (request) => phoneXmlReply(echoInputXml(base(request))));
  router.add('GET', SAMPLE_SERVICE_PATHS.echoResult, (request) => phoneXmlReply(echoResultXml(request.url.search.replace(/^\?/, ''))));
}
