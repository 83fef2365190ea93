/**
 * A small, defensive XML 1.0 parser for what phones read: cnf.xml files and
 * CiscoIPPhone objects.
 *
 * It keeps elements, attributes, text and CDATA; skips comments, processing
 * instructions and the XML declaration; knows the five predefined entities
 * and numeric character references. It refuses what a phone has no business
 * reading: any DOCTYPE (so no internal or external entities, no
 * "billion laughs"), documents over a size cap, nesting over a depth cap.
 * Every failure is an `XmlParseError` with a position, never a crash or hang:
 * the scanner only moves forward.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlLimits {
  /** Characters in the whole document. */
  readonly maxLength: number;
  /** Element nesting depth. */
  readonly maxDepth: number;
  /** Elements in the whole document. */
  readonly maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 512 * 1024, maxDepth: 32, maxElements: 20_000 };

export class XmlParseError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'XmlParseError';
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(source: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (source.length > limits.maxLength) {
    throw new XmlParseError(`Document larger than ${limits.maxLength} characters`, limits.maxLength);
  }
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let pos = 0;
  let elementCount = 0;

  const fail = (message: string, at = pos): never => {
    throw new XmlParseError(`${message} at offset ${at}`, at);
  };

  const startsWith = (token: string): boolean => text.startsWith(token, pos);

  const skipUntil = (terminator: string, what: string): void => {
    const end = text.indexOf(terminator, pos);
    if (end < 0) fail(`Unterminated ${what}`);
    pos = end + terminator.length;
  };

  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
  };

  /** Comments, processing instructions, whitespace; refuses DOCTYPE. */
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) {
        pos += 4;
        skipUntil('-->', 'comment');
      } else if (startsWith('<?')) {
        pos += 2;
        skipUntil('?>', 'processing instruction');
      } else if (startsWith('<!DOCTYPE') || startsWith('<!doctype')) {
        fail('DOCTYPE declarations are not accepted');
      } else {
        return;
      }
    }
  };

  const readName = (): string => {
    const start = pos;
    if (!NAME_START.test(text[pos] ?? '')) fail('Expected a name');
    pos++;
    while (pos < text.length && NAME_CHAR.test(text[pos] ?? '')) pos++;
    return text.slice(start, pos);
  };

  const decodeEntities = (raw: string, at: number): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s]{0,32});?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) return fail(`Bare "&" in text`, at);
      if (name.startsWith('#x') || name.startsWith('#X')) {
        const code = Number.parseInt(name.slice(2), 16);
        return validCodePoint(code) ? String.fromCodePoint(code) : fail(`Bad character reference &${name};`, at);
      }
      if (name.startsWith('#')) {
        const code = Number.parseInt(name.slice(1), 10);
        return validCodePoint(code) ? String.fromCodePoint(code) : fail(`Bad character reference &${name};`, at);
      }
      const value = PREDEFINED[name];
      return value ?? fail(`Unknown entity &${name};`, at);
    });
  };

  const readAttributes = (): Record<string, string> => {
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      const next = text[pos];
      if (next === '>' || next === '/' || next === undefined) return attributes;
      const name = readName();
      skipSpace();
      if (text[pos] !== '=') fail(`Attribute "${name}" has no value`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail(`Attribute "${name}" value must be quoted`);
      const end = text.indexOf(quote as string, pos + 1);
      if (end < 0) fail(`Unterminated value of attribute "${name}"`);
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail(`"<" in value of attribute "${name}"`);
      if (Object.prototype.hasOwnProperty.call(attributes, name)) fail(`Duplicate attribute "${name}"`);
      attributes[name] = decodeEntities(raw, pos);
      pos = end + 1;
    }
  };

  const readElement = (depth: number): XmlElement => {
    if (depth > limits.maxDepth) fail(`Nesting deeper than ${limits.maxDepth}`);
    if (++elementCount > limits.maxElements) fail(`More than ${limits.maxElements} elements`);
    if (text[pos] !== '<') fail('Expected "<"');
    pos++;
    const name = readName();
    const attributes = readAttributes();
    if (startsWith('/>')) {
      pos += 2;
      return { name, attributes, children: [] };
    }
    if (text[pos] !== '>') fail(`Malformed start tag <${name}>`);
    pos++;
    const children: XmlNode[] = [];
    let pendingText = '';
    const flushText = (): void => {
      if (pendingText.length > 0) children.push(pendingText);
      pendingText = '';
    };
    for (;;) {
      if (pos >= text.length) fail(`Element <${name}> is not closed`);
      if (startsWith('</')) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`Expected </${name}> but found </${closing}>`);
        skipSpace();
        if (text[pos] !== '>') fail(`Malformed end tag </${closing}>`);
        pos++;
        flushText();
        return { name, attributes, children };
      }
      if (startsWith('<![CDATA[')) {
        const end = text.indexOf(']]>', pos + 9);
        if (end < 0) fail('Unterminated CDATA section');
        pendingText += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (startsWith('<!--')) {
        pos += 4;
        skipUntil('-->', 'comment');
      } else if (startsWith('<?')) {
        pos += 2;
        skipUntil('?>', 'processing instruction');
      } else if (startsWith('<!')) {
        fail('Declarations are not accepted inside elements');
      } else if (text[pos] === '<') {
        flushText();
        children.push(readElement(depth + 1));
      } else {
        const next = text.indexOf('<', pos);
        const end = next < 0 ? text.length : next;
        pendingText += decodeEntities(text.slice(pos, end), pos);
        pos = end;
      }
    }
  };

  skipMisc();
  if (pos >= text.length) fail('Empty document');
  const root = readElement(1);
  skipMisc();
  if (pos < text.length) fail('Content after the root element');
  return root;
}

function validCodePoint(code: number): boolean {
  return Number.isInteger(code) && (code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff)) &&
    !(code >= 0xd800 && code <= 0xdfff);
}

/* ---- Reading helpers: small queries over the tree ---- */

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

export function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const child of element.children) if (typeof child !== 'string' && child.name === name) return child;
  return undefined;
}

/** Follows a path of child names: `child(device, 'devicePool', 'callManagerGroup')`. */
export function descend(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = firstChild(current, name);
  return current;
}

/** All text inside an element, CDATA included, children's text concatenated. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  let out = '';
  for (const child of element.children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

/** Trimmed text of a descendant, or undefined when the element is absent. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  const target = descend(element, ...path);
  return target ? textOf(target).trim() : undefined;
}

/** XML-escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}
