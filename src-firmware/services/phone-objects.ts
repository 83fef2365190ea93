import { XmlParseError, childElements, firstChild, parseXml, textAt, textOf, type XmlElement } from '../xml/xml-parser';

/**
 * Cisco IP Phone Services XML objects (SDK, "CiscoIPPhone XML Objects"),
 * read into typed values with the 7960's limits applied
 * (cisco-reference.md §3.1): 100 menu items, 5 input items, 32 directory
 * entries, 32 icon-menu items, 3 execute items, a 133 × 65 services area in
 * 2-bit grey. Element names are case-sensitive, as on the phone.
 */

export interface SoftKeyItem {
  readonly name: string;
  readonly url: string;
  readonly urlDown: string;
  /** 1–4. */
  readonly position: number;
}

export interface MenuItemObject {
  readonly name: string;
  readonly url: string;
  readonly iconIndex?: number;
}

export interface InputItemObject {
  readonly displayName: string;
  readonly param: string;
  readonly defaultValue: string;
  /** A, T, N, E, U or L, with P (password) as a modifier. */
  readonly flags: string;
}

export interface DirectoryEntryObject {
  readonly name: string;
  readonly telephone: string;
}

export interface ImageData {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  /** Grey level per pixel, row-major; 0 = lightest, 3 = black. */
  readonly pixels: readonly number[];
}

export interface IconObject {
  readonly index: number;
  readonly image: ImageData;
}

interface Common {
  readonly title: string;
  readonly prompt: string;
  readonly softKeys: readonly SoftKeyItem[];
}

export type PhoneObject =
  | ({ readonly type: 'Menu'; readonly items: readonly MenuItemObject[] } & Common)
  | ({ readonly type: 'Text'; readonly text: string } & Common)
  | ({ readonly type: 'Input'; readonly url: string; readonly items: readonly InputItemObject[] } & Common)
  | ({ readonly type: 'Directory'; readonly entries: readonly DirectoryEntryObject[] } & Common)
  | ({ readonly type: 'Image'; readonly image: ImageData } & Common)
  | ({ readonly type: 'GraphicMenu'; readonly image: ImageData; readonly items: readonly MenuItemObject[] } & Common)
  | ({ readonly type: 'IconMenu'; readonly icons: readonly IconObject[]; readonly items: readonly MenuItemObject[] } & Common)
  | { readonly type: 'Status'; readonly text: string; readonly timer: number; readonly image?: ImageData }
  | { readonly type: 'Execute'; readonly items: readonly { readonly url: string; readonly priority: number }[] }
  | { readonly type: 'Response'; readonly items: readonly { readonly status: number; readonly data: string; readonly url: string }[] }
  | { readonly type: 'Error'; readonly number: number; readonly text: string };

export const LIMITS = {
  menuItems: 100,
  inputItems: 5,
  directoryEntries: 32,
  iconMenuItems: 32,
  icons: 10,
  executeItems: 3,
  softKeys: 4,
  displayWidth: 133,
  displayHeight: 65,
  maxDepth: 2,
  maxIconWidth: 16,
  maxIconHeight: 10,
} as const;

/** Largest object a phone accepts ("Data too large!" beyond it). */
export const MAX_OBJECT_BYTES = 512 * 1024;

/** Why an object could not be shown; `message` is what the 7960 puts on its prompt line. */
export class PhoneObjectError extends Error {
  constructor(readonly kind: 'parse' | 'unsupported' | 'too-large', message: string, readonly detail = '') {
    super(message);
    this.name = 'PhoneObjectError';
  }
}

export const PARSE_ERROR = 'XML Error [4]: Parse Error';
export const UNSUPPORTED_ERROR = 'XML Error [5]: Unsupported XML Object';

export function parsePhoneObject(text: string): PhoneObject {
  if (text.length > MAX_OBJECT_BYTES) throw new PhoneObjectError('too-large', 'Data too large!');
  let root: XmlElement;
  try {
    root = parseXml(text, { maxLength: MAX_OBJECT_BYTES, maxDepth: 16, maxElements: 5000 });
  } catch (error) {
    if (error instanceof XmlParseError) throw new PhoneObjectError('parse', PARSE_ERROR, error.message);
    throw error;
  }
  const common = (): Common => ({
    title: textAt(root, 'Title') ?? '',
    prompt: textAt(root, 'Prompt') ?? '',
    softKeys: readSoftKeys(root),
  });
  switch (root.name) {
    case 'CiscoIPPhoneMenu':
      return { type: 'Menu', ...common(), items: readMenuItems(root, LIMITS.menuItems) };
    case 'CiscoIPPhoneText':
      return { type: 'Text', ...common(), text: textOf(firstChild(root, 'Text')) };
    case 'CiscoIPPhoneInput':
      return {
        type: 'Input',
        ...common(),
        url: textAt(root, 'URL') ?? '',
        items: childElements(root, 'InputItem').slice(0, LIMITS.inputItems).map((item) => ({
          displayName: textAt(item, 'DisplayName') ?? '',
          param: textAt(item, 'QueryStringParam') ?? '',
          defaultValue: textAt(item, 'DefaultValue') ?? '',
          flags: (textAt(item, 'InputFlags') ?? 'A').toUpperCase(),
        })),
      };
    case 'CiscoIPPhoneDirectory':
      return {
        type: 'Directory',
        ...common(),
        entries: childElements(root, 'DirectoryEntry').slice(0, LIMITS.directoryEntries).map((entry) => ({
          name: textAt(entry, 'Name') ?? '',
          telephone: textAt(entry, 'Telephone') ?? '',
        })),
      };
    case 'CiscoIPPhoneImage':
      return { type: 'Image', ...common(), image: readImage(root, LIMITS.displayWidth, LIMITS.displayHeight) };
    case 'CiscoIPPhoneGraphicMenu':
      return {
        type: 'GraphicMenu', ...common(),
        image: readImage(root, LIMITS.displayWidth, LIMITS.displayHeight),
        items: readMenuItems(root, LIMITS.menuItems),
      };
    case 'CiscoIPPhoneIconMenu':
      return {
        type: 'IconMenu', ...common(),
        icons: childElements(root, 'IconItem').slice(0, LIMITS.icons).map((icon) => ({
          index: readInt(textAt(icon, 'Index'), 0),
          image: readImage(icon, LIMITS.maxIconWidth, LIMITS.maxIconHeight),
        })),
        items: readMenuItems(root, LIMITS.iconMenuItems),
      };
    case 'CiscoIPPhoneStatus': {
      const hasImage = firstChild(root, 'Data') !== undefined;
      return {
        type: 'Status',
        text: textAt(root, 'Text') ?? '',
        timer: readInt(textAt(root, 'Timer'), 0),
        ...(hasImage ? { image: readImage(root, LIMITS.displayWidth, LIMITS.displayHeight) } : {}),
      };
    }
    case 'CiscoIPPhoneExecute':
      return {
        type: 'Execute',
        items: childElements(root, 'ExecuteItem').slice(0, LIMITS.executeItems).map((item) => ({
          url: item.attributes.URL ?? '',
          priority: readInt(item.attributes.Priority, 0),
        })),
      };
    case 'CiscoIPPhoneResponse':
      return {
        type: 'Response',
        items: childElements(root, 'ResponseItem').map((item) => ({
          status: readInt(item.attributes.Status, 0),
          data: item.attributes.Data ?? '',
          url: item.attributes.URL ?? '',
        })),
      };
    case 'CiscoIPPhoneError':
      return { type: 'Error', number: readInt(root.attributes.Number, 0), text: textOf(root).trim() };
    default:
      throw new PhoneObjectError('unsupported', UNSUPPORTED_ERROR, root.name);
  }
}

/** Counts the Execute items before the 3-item cut, for `/CGI/Execute`'s own check. */
export function countExecuteItems(text: string): number {
  try {
    return childElements(parseXml(text, { maxLength: 40 * 1024, maxDepth: 8, maxElements: 200 }), 'ExecuteItem').length;
  } catch {
    return 0;
  }
}

function readInt(text: string | undefined, fallback: number): number {
  return text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : fallback;
}

function readSoftKeys(root: XmlElement): SoftKeyItem[] {
  const keys: SoftKeyItem[] = [];
  for (const item of childElements(root, 'SoftKeyItem')) {
    const position = readInt(textAt(item, 'Position'), keys.length + 1);
    if (position < 1 || position > LIMITS.softKeys) continue;
    keys.push({ name: textAt(item, 'Name') ?? '', url: textAt(item, 'URL') ?? '', urlDown: textAt(item, 'URLDown') ?? '', position });
  }
  return keys;
}

function readMenuItems(root: XmlElement, max: number): MenuItemObject[] {
  return childElements(root, 'MenuItem').slice(0, max).map((item) => {
    const icon = textAt(item, 'IconIndex');
    return {
      name: (textAt(item, 'Name') ?? '').slice(0, 64),
      url: textAt(item, 'URL') ?? '',
      ...(icon !== undefined ? { iconIndex: readInt(icon, 0) } : {}),
    };
  });
}

/**
 * `Data` holds the pixels as hex, 2 bits a pixel, four pixels a byte with the
 * first pixel in the low bits; depth 1 packs eight a byte the same way.
 * Missing data reads as white; the picture is clipped to the display.
 */
function readImage(root: XmlElement, maxWidth: number, maxHeight: number): ImageData {
  const depth = Math.min(LIMITS.maxDepth, Math.max(1, readInt(textAt(root, 'Depth'), 2)));
  const width = Math.max(0, Math.min(maxWidth, readInt(textAt(root, 'Width'), 0)));
  const height = Math.max(0, Math.min(maxHeight, readInt(textAt(root, 'Height'), 0)));
  const declaredWidth = readInt(textAt(root, 'Width'), 0);
  const hex = (textAt(root, 'Data') ?? '').replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new PhoneObjectError('parse', PARSE_ERROR, 'image Data is not hexadecimal');
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  const scale = depth === 1 ? 3 : 1;
  const pixels: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * declaredWidth + x;
      const byte = Number.parseInt(hex.slice(Math.floor(index / perByte) * 2, Math.floor(index / perByte) * 2 + 2) || '00', 16);
      pixels.push(((byte >> ((index % perByte) * depth)) & mask) * scale);
    }
  }
  return {
    x: readInt(textAt(root, 'LocationX'), 0),
    y: readInt(textAt(root, 'LocationY'), 0),
    width,
    height,
    depth,
    pixels,
  };
}
