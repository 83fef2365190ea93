/**
 * The phone-facing CiscoIPPhone XML objects of the CCEM service
 * (cisco-reference §3.1, §4.4). Pure: values in, XML text out; the builders
 * (escaping, 7960 limits) are the lab's `phone-xml-objects.ts`.
 */
import { inputXml, textXml } from '../src-lab/phone-xml-objects';

export const CCEM_TITLE = 'Cross Cluster EM';

export const CCEM_PATHS = {
  login: '/ccem/login',
  submit: '/ccem/login/submit',
  logout: '/ccem/logout',
} as const;

function deviceQuery(device: string): string {
  return `device=${encodeURIComponent(device)}`;
}

/** User ID (alphanumeric, A) and PIN (numeric, masked: NP); Submit GETs `submit?device=…&userid=…&pin=…`. */
export function loginInputXml(base: string, device: string): string {
  return inputXml({
    title: CCEM_TITLE,
    prompt: 'Enter your user ID and PIN',
    url: `${base}${CCEM_PATHS.submit}?${deviceQuery(device)}`,
    items: [
      { displayName: 'User ID', queryStringParam: 'userid', inputFlags: 'A' },
      { displayName: 'PIN', queryStringParam: 'pin', inputFlags: 'NP' },
    ],
  });
}

export interface LoggedInFacts {
  readonly user: string;
  readonly name: string;
  readonly dn: string;
  readonly home: string;
  readonly since: Date;
  readonly expires: Date | null;
}

function clock(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Who is logged in on this phone, with Logout and Exit softkeys. */
export function loggedInXml(base: string, device: string, facts: LoggedInFacts): string {
  const lines = [
    `${facts.name || facts.user} (${facts.user})`,
    `DN ${facts.dn || '-'} · home ${facts.home}`,
    `Since ${clock(facts.since)}`,
    `Expires ${facts.expires === null ? 'never' : clock(facts.expires)}`,
  ];
  return textXml({
    title: CCEM_TITLE,
    prompt: 'Logged in',
    text: lines.join('\n'),
    softKeys: [
      { name: 'Logout', url: `${base}${CCEM_PATHS.logout}?${deviceQuery(device)}`, position: 1 },
      { name: 'Exit', url: 'SoftKey:Exit', position: 3 },
    ],
  });
}

export function messageXml(text: string, prompt = ''): string {
  return textXml({ title: CCEM_TITLE, prompt, text });
}
