/**
 * Which names the lab's TFTP servers will look up.
 *
 * The servers hold no file tree; names that try to reach outside one
 * (`..`, absolute paths, backslashes, drive letters) or carry control
 * characters or non-ASCII bytes are refused with ERROR 2 (RFC 1350 "Access
 * violation"), as tftpd-hpa does for names outside its root.
 */

export type FileNameVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string };

export const MAX_FILE_NAME_LENGTH = 255;

export function checkFileName(name: string): FileNameVerdict {
  if (name.length === 0) return { ok: false, reason: 'empty name' };
  if (name.length > MAX_FILE_NAME_LENGTH) return { ok: false, reason: 'name too long' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, reason: 'control character in name' };
  if (/[^\u0020-\u007e]/.test(name)) return { ok: false, reason: 'non-ASCII name' };
  if (name.includes('\\')) return { ok: false, reason: 'backslash in name' };
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return { ok: false, reason: 'absolute path' };
  if (name.split('/').some((part) => part === '..')) return { ok: false, reason: 'parent directory in name' };
  if (name.includes('..')) return { ok: false, reason: '".." in name' };
  return { ok: true };
}

/** `SEP<12 hex>.cnf.xml`, any case (cisco-reference §1.2: match the MAC part case-insensitively). */
const DEVICE_CONFIG_PATTERN = /^(SEP[0-9A-F]{12})\.cnf\.xml$/i;

/** The device name a config file name asks for (upper-case), or null. */
export function deviceNameOfConfigFile(name: string): string | null {
  const match = DEVICE_CONFIG_PATTERN.exec(name);
  return match === null ? null : match[1]!.toUpperCase();
}

export const XML_DEFAULT_FILE = 'XMLDefault.cnf.xml';

export function isXmlDefault(name: string): boolean {
  return name.toLowerCase() === XML_DEFAULT_FILE.toLowerCase();
}
