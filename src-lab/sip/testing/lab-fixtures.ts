import { startSipServer, type SipServer, type SipServerOptions } from '../sip-ws-server';
import type { CredentialSource, LineCredentials } from '../registrar';
import type { SipLabEvent } from '../sip-events';
import { waitFor } from './sip-test-phone';

/** Line credentials held in memory, found by DN or auth name (the device DB plays this role in the lab). */
export function memoryCredentials(lines: readonly LineCredentials[]): CredentialSource {
  return { lookup: (key) => lines.find((l) => l.dn === key || l.authName === key) ?? null };
}

export interface TestCluster {
  readonly server: SipServer;
  readonly events: SipLabEvent[];
  waitForEvent(predicate: (e: SipLabEvent) => boolean, what?: string): Promise<SipLabEvent>;
}

export async function startTestCluster(options: Omit<SipServerOptions, 'onEvent'>): Promise<TestCluster> {
  const events: SipLabEvent[] = [];
  const server = await startSipServer({ ...options, onEvent: (e) => events.push(e) });
  return {
    server,
    events,
    waitForEvent: (predicate, what = 'an event') => waitFor(() => events.find(predicate), 3000, what),
  };
}
