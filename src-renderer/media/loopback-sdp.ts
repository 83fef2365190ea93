/**
 * Keeps WebRTC media on loopback (environment.md: the machines have only
 * 127.0.0.0/8 and ::1). An SDP modifier that drops every ICE candidate
 * (RFC 8839 `a=candidate`) whose connection address is not a loopback
 * address, including mDNS `.local` names and server-reflexive/relay
 * candidates. Pure: unit-tested without a browser.
 */

/** 127.0.0.0/8 or ::1 (RFC 1122 §3.2.1.3, RFC 4291 §2.5.3). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)) return true;
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}

/**
 * `a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> …`
 * (RFC 8839 §5.1): the address is the fifth field.
 */
export function candidateAddress(line: string): string | null {
  const match = /^a=candidate:\S+\s+\d+\s+\S+\s+\d+\s+(\S+)\s+\d+\s+typ\s+\S+/i.exec(line.trim());
  return match?.[1] ?? null;
}

/** The SDP with only loopback candidates left; every other line is kept as it is. */
export function keepLoopbackCandidates(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  return sdp
    .split(/\r?\n/)
    .filter((line) => {
      if (!/^a=candidate:/i.test(line)) return true;
      const address = candidateAddress(line);
      return address !== null && isLoopbackAddress(address);
    })
    .join(eol);
}

/** As a sip.js SessionDescriptionHandlerModifier. */
export function loopbackOnlyModifier<T extends { sdp?: string }>(description: T): Promise<T> {
  return Promise.resolve(description.sdp === undefined ? description : { ...description, sdp: keepLoopbackCandidates(description.sdp) });
}
