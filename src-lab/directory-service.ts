/**
 * The corporate directory every cluster's phones see under Directories: the
 * users of ALL clusters of the topology, searched by first name, last name and
 * number, as CUCM's `xmldirectory.jsp` → `xmldirectoryinput.jsp` →
 * `xmldirectorylist.jsp` chain does (query parameters `f`, `l`, `n`, `start`).
 *
 * Engine only (no HTTP): `searchDirectory` is pure; the phone pages are built
 * by `directory*Xml`. Matching is a case-insensitive "begins with" on each
 * given field; empty criteria match everyone. Pages hold at most 32 entries
 * (CiscoIPPhoneDirectory limit, cisco-reference §3.1); a Next softkey leads to
 * the following page.
 */
import { directoryXml, inputXml, menuXml, PHONE_XML_LIMITS, type SoftKeyItem } from './phone-xml-objects';

export interface DirectoryPerson {
  readonly userId: string;
  /** Display name, "First Last"; the first word is the first name, the rest the last name. */
  readonly name: string;
  readonly dn: string;
  readonly cluster: string;
}

export interface DirectoryCriteria {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly number?: string;
}

export interface DirectoryPage {
  readonly entries: readonly DirectoryPerson[];
  /** 1-based index of the first entry. */
  readonly start: number;
  readonly total: number;
}

export const DIRECTORY_PATHS = {
  menu: '/ccmcip/xmldirectory.jsp',
  input: '/ccmcip/xmldirectoryinput.jsp',
  list: '/ccmcip/xmldirectorylist.jsp',
} as const;

export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/);
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

export function searchDirectory(people: readonly DirectoryPerson[], criteria: DirectoryCriteria, start = 1, pageSize: number = PHONE_XML_LIMITS.directoryEntries): DirectoryPage {
  const begins = (value: string, prefix: string | undefined): boolean =>
    prefix === undefined || prefix.trim() === '' || value.toLowerCase().startsWith(prefix.trim().toLowerCase());
  const matching = people
    .filter((person) => {
      const { first, last } = splitName(person.name);
      return begins(first, criteria.firstName) && begins(last, criteria.lastName) && begins(person.dn, criteria.number);
    })
    .sort((a, b) => {
      const x = splitName(a.name);
      const y = splitName(b.name);
      return x.last.localeCompare(y.last) || x.first.localeCompare(y.first) || a.dn.localeCompare(b.dn);
    });
  const first = Math.max(1, Math.min(Number.isInteger(start) ? start : 1, Math.max(1, matching.length)));
  return { entries: matching.slice(first - 1, first - 1 + pageSize), start: first, total: matching.length };
}

/** The Directories key's entry point (7900 phones expect a Menu first, cisco-reference §2.2). */
export function directoryMenuXml(base: string): string {
  return menuXml({ title: 'Directory', items: [{ name: 'Corporate Directory', url: `${base}${DIRECTORY_PATHS.input}` }] });
}

export function directorySearchXml(base: string): string {
  return inputXml({
    title: 'Corporate Directory',
    prompt: 'Enter search criteria',
    url: `${base}${DIRECTORY_PATHS.list}`,
    items: [
      { displayName: 'First name', queryStringParam: 'f', inputFlags: 'A' },
      { displayName: 'Last name', queryStringParam: 'l', inputFlags: 'A' },
      { displayName: 'Number', queryStringParam: 'n', inputFlags: 'T' },
    ],
  });
}

/** One page of results; prompt "Records a to b of N", plus Next when more follow. */
export function directoryResultsXml(base: string, criteria: DirectoryCriteria, page: DirectoryPage): string {
  const last = page.start + page.entries.length - 1;
  const prompt = page.total === 0 ? 'No records found' : `Records ${page.start} to ${last} of ${page.total}`;
  let softKeys: SoftKeyItem[] | undefined;
  if (last < page.total) {
    const next = new URLSearchParams({
      f: criteria.firstName ?? '', l: criteria.lastName ?? '', n: criteria.number ?? '', start: String(last + 1),
    });
    softKeys = [
      { name: 'Dial', url: 'SoftKey:Dial', position: 1 },
      { name: 'EditDial', url: 'SoftKey:EditDial', position: 2 },
      { name: 'Exit', url: 'SoftKey:Exit', position: 3 },
      { name: 'Next', url: `${base}${DIRECTORY_PATHS.list}?${next.toString()}`, position: 4 },
    ];
  }
  return directoryXml({
    title: 'Corporate Directory',
    prompt,
    entries: page.entries.map((person) => ({ name: person.name, telephone: person.dn })),
    ...(softKeys ? { softKeys } : {}),
  });
}
