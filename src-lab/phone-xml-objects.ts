/**
 * Builders for the Cisco IP Phone Services XML objects the lab serves
 * (cisco-reference §3.1, SDK OL-20949-01): CiscoIPPhoneMenu, Text, Input,
 * Directory and Image. Pure: strings in, XML text out.
 *
 * Contract: every text is XML-escaped (`&`, `<`, `>`, `"`, `'`; forbidden
 * C0 controls dropped); the 7960 limits are applied here, so a caller cannot
 * emit an object the phone would refuse: 100 MenuItems (Name ≤ 64
 * characters), 5 InputItems, 32 DirectoryEntries.
 */
import { escapeXml } from './cnf-xml';
import type { HttpReply } from './http-router';

/** `Content-Type` of every phone-facing reply (cisco-reference §3.3). */
export const PHONE_XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

export const PHONE_XML_LIMITS = { menuItems: 100, menuItemName: 64, inputItems: 5, directoryEntries: 32 } as const;

/** The 7960 services area (cisco-reference §3.1): 133 × 65 pixels, 2-bit grey. */
export const SERVICES_AREA = { width: 133, height: 65, depth: 2 } as const;

export interface MenuItem {
  readonly name: string;
  readonly url: string;
}

/** A custom softkey; any one replaces all default softkeys (cisco-reference §3.2). */
export interface SoftKeyItem {
  readonly name: string;
  readonly url: string;
  /** 1–4 on a 7960. */
  readonly position: number;
}

/** InputFlags: A, T, N, E, U, L, optionally followed by the P (mask) modifier. */
export type InputFlags = 'A' | 'T' | 'N' | 'E' | 'U' | 'L' | 'AP' | 'TP' | 'NP' | 'EP' | 'UP' | 'LP';

export interface InputItem {
  readonly displayName: string;
  readonly queryStringParam: string;
  readonly defaultValue?: string;
  readonly inputFlags: InputFlags;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly telephone: string;
}

function element(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function softKeys(items: readonly SoftKeyItem[] | undefined): string {
  return (items ?? []).map((key) =>
    `<SoftKeyItem>${element('Name', key.name)}${element('URL', key.url)}${element('Position', key.position)}</SoftKeyItem>`).join('');
}

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

export function menuXml(menu: { title: string; prompt?: string; items: readonly MenuItem[]; softKeys?: readonly SoftKeyItem[] }): string {
  const items = menu.items.slice(0, PHONE_XML_LIMITS.menuItems).map((item) =>
    `<MenuItem>${element('Name', item.name.slice(0, PHONE_XML_LIMITS.menuItemName))}${element('URL', item.url)}</MenuItem>`);
  return `${DECLARATION}<CiscoIPPhoneMenu>${element('Title', menu.title)}${element('Prompt', menu.prompt ?? '')}${items.join('')}${softKeys(menu.softKeys)}</CiscoIPPhoneMenu>\n`;
}

export function textXml(text: { title: string; prompt?: string; text: string; softKeys?: readonly SoftKeyItem[] }): string {
  return `${DECLARATION}<CiscoIPPhoneText>${element('Title', text.title)}${element('Prompt', text.prompt ?? '')}${element('Text', text.text)}${softKeys(text.softKeys)}</CiscoIPPhoneText>\n`;
}

/** Submit sends an HTTP GET to `url` with `?param=value&…` appended (cisco-reference §3.1). */
export function inputXml(input: { title: string; prompt?: string; url: string; items: readonly InputItem[] }): string {
  const items = input.items.slice(0, PHONE_XML_LIMITS.inputItems).map((item) =>
    `<InputItem>${element('DisplayName', item.displayName)}${element('QueryStringParam', item.queryStringParam)}` +
    `${element('DefaultValue', item.defaultValue ?? '')}${element('InputFlags', item.inputFlags)}</InputItem>`);
  return `${DECLARATION}<CiscoIPPhoneInput>${element('Title', input.title)}${element('Prompt', input.prompt ?? '')}${element('URL', input.url)}${items.join('')}</CiscoIPPhoneInput>\n`;
}

export function directoryXml(directory: { title: string; prompt?: string; entries: readonly DirectoryEntry[]; softKeys?: readonly SoftKeyItem[] }): string {
  const entries = directory.entries.slice(0, PHONE_XML_LIMITS.directoryEntries).map((entry) =>
    `<DirectoryEntry>${element('Name', entry.name)}${element('Telephone', entry.telephone)}</DirectoryEntry>`);
  return `${DECLARATION}<CiscoIPPhoneDirectory>${element('Title', directory.title)}${element('Prompt', directory.prompt ?? '')}${entries.join('')}${softKeys(directory.softKeys)}</CiscoIPPhoneDirectory>\n`;
}

/**
 * A CiscoIPPhoneImage. `pixels` are grey levels 0 (white) – 3 (black), row by
 * row; `Data` packs them continuously, four a byte, the FIRST pixel in the LOW
 * bits (the order the 7960 reads, src-firmware/services/phone-objects.ts).
 */
export function imageXml(image: { title: string; prompt?: string; x?: number; y?: number; width: number; height: number; pixels: readonly number[] }): string {
  return `${DECLARATION}<CiscoIPPhoneImage>${element('Title', image.title)}${element('Prompt', image.prompt ?? '')}` +
    `${element('LocationX', image.x ?? -1)}${element('LocationY', image.y ?? -1)}${element('Width', image.width)}` +
    `${element('Height', image.height)}${element('Depth', 2)}${element('Data', packPixels2Bit(image.pixels))}</CiscoIPPhoneImage>\n`;
}

/** 2-bit pixels → upper-case hex, four pixels a byte, first pixel in bits 0–1. */
export function packPixels2Bit(pixels: readonly number[]): string {
  const bytes = new Uint8Array(Math.ceil(pixels.length / 4));
  pixels.forEach((value, index) => {
    bytes[index >> 2] = (bytes[index >> 2] ?? 0) | ((value & 3) << ((index & 3) * 2));
  });
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function phoneXmlReply(xml: string, headers: Readonly<Record<string, string>> = {}): HttpReply {
  return { status: 200, headers: { 'content-type': PHONE_XML_CONTENT_TYPE, ...headers }, body: xml };
}
