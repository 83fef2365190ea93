/**
 * The 7960's keys, named as Cisco's `Key:` URIs name them (IP Phone Services
 * SDK, "Internal URIs"), so that XML services and `/CGI/Execute` can press
 * them by the same names.
 */
export const PHONE_KEYS = [
  'KeyPad0', 'KeyPad1', 'KeyPad2', 'KeyPad3', 'KeyPad4', 'KeyPad5', 'KeyPad6', 'KeyPad7', 'KeyPad8', 'KeyPad9',
  'KeyPadStar', 'KeyPadPound',
  'Soft1', 'Soft2', 'Soft3', 'Soft4',
  'Line1', 'Line2', 'Line3', 'Line4', 'Line5', 'Line6',
  'Messages', 'Directories', 'Info', 'Settings', 'Services',
  'VolDwn', 'VolUp', 'Headset', 'Speaker', 'Mute',
  'NavUp', 'NavDwn',
  'Offhook', 'Onhook',
] as const;

export type PhoneKey = (typeof PHONE_KEYS)[number];

export function isPhoneKey(name: string): name is PhoneKey {
  return (PHONE_KEYS as readonly string[]).includes(name);
}

/**
 * The handset's control names (its test IDs): what a tester clicks and what
 * the headless phone's `press <name>` takes. `handset` toggles the hook.
 */
const HANDSET_TO_KEY: Readonly<Record<string, PhoneKey | 'Handset'>> = {
  '0': 'KeyPad0', '1': 'KeyPad1', '2': 'KeyPad2', '3': 'KeyPad3', '4': 'KeyPad4',
  '5': 'KeyPad5', '6': 'KeyPad6', '7': 'KeyPad7', '8': 'KeyPad8', '9': 'KeyPad9',
  star: 'KeyPadStar', pound: 'KeyPadPound', '*': 'KeyPadStar', '#': 'KeyPadPound',
  'softkey-1': 'Soft1', 'softkey-2': 'Soft2', 'softkey-3': 'Soft3', 'softkey-4': 'Soft4',
  'line-1': 'Line1', 'line-2': 'Line2', 'line-3': 'Line3', 'line-4': 'Line4', 'line-5': 'Line5', 'line-6': 'Line6',
  messages: 'Messages', directories: 'Directories', info: 'Info', settings: 'Settings', services: 'Services',
  'vol-down': 'VolDwn', 'vol-up': 'VolUp', headset: 'Headset', speaker: 'Speaker', mute: 'Mute',
  'nav-up': 'NavUp', 'nav-down': 'NavDwn', up: 'NavUp', down: 'NavDwn',
  handset: 'Handset', offhook: 'Offhook', onhook: 'Onhook',
};

/**
 * Resolves a control name as a person or script writes it: a handset test ID
 * (`softkey-1`, `key-5`, `services`), a bare digit, or a Cisco key name
 * (`Soft1`, `Key:KeyPad5`). Returns null for anything else.
 */
export function keyFromControlName(name: string): PhoneKey | 'Handset' | null {
  const trimmed = name.trim();
  const cisco = trimmed.startsWith('Key:') ? trimmed.slice(4) : trimmed;
  if (isPhoneKey(cisco)) return cisco;
  const lower = trimmed.toLowerCase().replace(/^key-/, '');
  return HANDSET_TO_KEY[lower] ?? null;
}

/** The digit or symbol a keypad key dials, or null for other keys. */
export function dialCharOf(key: PhoneKey): string | null {
  if (key.startsWith('KeyPad')) {
    const rest = key.slice('KeyPad'.length);
    if (rest === 'Star') return '*';
    if (rest === 'Pound') return '#';
    return rest;
  }
  return null;
}

/** The softkey index (0–3) of a `SoftN` key, or null. */
export function softkeyIndexOf(key: PhoneKey): number | null {
  const match = /^Soft([1-4])$/.exec(key);
  return match ? Number(match[1]) - 1 : null;
}

/** The line button index (0–5) of a `LineN` key, or null. */
export function lineIndexOf(key: PhoneKey): number | null {
  const match = /^Line([1-6])$/.exec(key);
  return match ? Number(match[1]) - 1 : null;
}
