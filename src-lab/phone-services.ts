/**
 * The IP Phone Services a cluster offers its phones (cisco-reference §3):
 * the Services menu (`servicesURL` of every cnf.xml, `/ccmcip/getservicesmenu.jsp`)
 * and the lab's sample services. Engine only: each function returns the XML a
 * phone gets; `phone-services-http.ts` binds them to the admin server.
 *
 * Services menu contract, in this order: the cluster's `phoneServices` from
 * the topology (`{admin}` → the cluster's base URL), then "Cross Cluster EM"
 * (`<ccemUrl>?device=#DEVICENAME#`, the token left for the phone to replace,
 * cisco-reference §3.3), then the samples Clock, Lab Picture and Echo.
 */
import { labLogoImage } from './lab-logo-image';
import { imageXml, inputXml, menuXml, textXml, type MenuItem } from './phone-xml-objects';
import type { PhoneServiceSpec } from './topology';

export const SAMPLE_SERVICE_PATHS = {
  clock: '/services/clock',
  image: '/services/image',
  echo: '/services/echo',
  echoResult: '/services/echo/result',
} as const;

export const SERVICES_MENU_PATH = '/ccmcip/getservicesmenu.jsp';

/** Seconds between Clock refreshes (`Refresh` header, cisco-reference §3.3). */
export const CLOCK_REFRESH_SECONDS = 30;

/** Appends `device=#DEVICENAME#` to the CCEM service URL, keeping any query it has. */
export function ccemServiceUrl(ccemUrl: string): string {
  return `${ccemUrl}${ccemUrl.includes('?') ? '&' : '?'}device=#DEVICENAME#`;
}

export function servicesMenuXml(base: string, services: readonly PhoneServiceSpec[], ccemUrl: string): string {
  const items: MenuItem[] = [
    ...services.map((service) => ({ name: service.name, url: service.url.replace(/\{admin\}/g, base) })),
    { name: 'Cross Cluster EM', url: ccemServiceUrl(ccemUrl) },
    { name: 'Clock', url: `${base}${SAMPLE_SERVICE_PATHS.clock}` },
    { name: 'Lab Picture', url: `${base}${SAMPLE_SERVICE_PATHS.image}` },
    { name: 'Echo', url: `${base}${SAMPLE_SERVICE_PATHS.echo}` },
  ];
  return menuXml({ title: 'Services', prompt: 'Select a service', items });
}

/** The time in UTC, "HH:MM:SS UTC" over the date. */
export function clockXml(now: Date): string {
  const time = now.toISOString().slice(11, 19);
  const date = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(now);
  return textXml({ title: 'Clock', prompt: `Refreshes every ${CLOCK_REFRESH_SECONDS} s`, text: `${time} UTC\n${date}` });
}

export function imageServiceXml(): string {
  const image = labLogoImage();
  return imageXml({ title: 'Lab Picture', prompt: '133 x 65, 2-bit grey', x: 0, y: 0, ...image });
}

/** An Input whose Submit goes to the echo result page. */
export function echoInputXml(base: string): string {
  return inputXml({
    title: 'Echo',
    prompt: 'Type, then Submit',
    url: `${base}${SAMPLE_SERVICE_PATHS.echoResult}`,
    items: [
      { displayName: 'Text', queryStringParam: 'text', inputFlags: 'A' },
      { displayName: 'Number', queryStringParam: 'number', inputFlags: 'T' },
      { displayName: 'Secret', queryStringParam: 'secret', inputFlags: 'NP' },
    ],
  });
}

/** Echoes the raw query string exactly as received (without the leading `?`). */
export function echoResultXml(rawQuery: string): string {
  return textXml({ title: 'Echo', prompt: 'Query string received', text: rawQuery });
}
