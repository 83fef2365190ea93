/**
 * Which handsets a page shows. `?mac=<MAC>` shows that one phone, taking its
 * launch TFTP list from the shell's phone with that MAC, else from the first
 * phone; no `mac` shows every phone the shell lists.
 */
import { DEFAULT_MAC, parseMac } from '../src-firmware/network-settings';
import type { PhoneLaunch, ShellConfig } from '../src-shared/host-contract';

export type PageChoice =
  | { readonly kind: 'phones'; readonly phones: readonly PhoneLaunch[] }
  | { readonly kind: 'invalid-mac'; readonly text: string };

export function choosePhones(config: ShellConfig, search: string): PageChoice {
  const requested = new URLSearchParams(search).get('mac');
  const fallback: PhoneLaunch = config.phones[0] ?? { mac: DEFAULT_MAC, tftpServers: [], httpPort: 0 };
  if (requested === null || requested.trim() === '') {
    return { kind: 'phones', phones: config.phones.length > 0 ? config.phones : [fallback] };
  }
  let mac: string;
  try {
    mac = parseMac(requested);
  } catch {
    return { kind: 'invalid-mac', text: requested };
  }
  const known = config.phones.find((phone) => phone.mac === mac);
  return {
    kind: 'phones',
    phones: [known ?? { mac, tftpServers: fallback.tftpServers, httpPort: 0, caption: `SEP${mac}` }],
  };
}
