import { parseMac } from '../src-firmware/network-settings';

/**
 * The desktop app's own arguments: `--mac <MAC>` shows that one phone.
 * Chromium's and Electron's switches pass through untouched.
 */
export function macFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const text = arg === '--mac' ? argv[i + 1] : arg.startsWith('--mac=') ? arg.slice('--mac='.length) : undefined;
    if (text !== undefined) return parseMac(text);
  }
  return null;
}
