/**
 * Namespace-tolerant queries over documents parsed by the firmware's XML
 * parser (which keeps prefixes in names): SOAP and EM documents may or may
 * not qualify their elements, so matching is by local name.
 */
import type { XmlElement } from '../src-firmware/xml/xml-parser';
import { escapeXml } from './cnf-xml';

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Child elements by local name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  if (element === undefined) return [];
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === name);
}

export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return childrenNamed(element, name)[0];
}

export function elementChildren(element: XmlElement | undefined): XmlElement[] {
  return element === undefined ? [] : element.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** Trimmed text of a child (by local name path), undefined when absent. */
export function childText(element: XmlElement | undefined, ...path: string[]): string | undefined {
  let current = element;
  for (const name of path) current = childNamed(current, name);
  if (current === undefined) return undefined;
  return elementText(current);
}

/** Trimmed text of an element, its descendants' text included. */
export function elementText(element: XmlElement): string {
  const collect = (node: XmlElement): string => node.children.map((c) => (typeof c === 'string' ? c : collect(c))).join('');
  return collect(element).trim();
}

/** `<tag>text</tag>` with the text escaped. */
export function xmlElement(tag: string, value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined || value === '' ? `<${tag}/>` : `<${tag}>${escapeXml(String(value))}</${tag}>`;
}
