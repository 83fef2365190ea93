import WebSocketImpl from 'ws';
import { parseSipMessage, type SipMessage } from '../sip-message';
import { waitFor } from './sip-test-phone';

/** A bare WebSocket peer that sends frames verbatim and records what comes back. */
export class RawSipClient {
  readonly received: string[] = [];

  private constructor(readonly socket: WebSocketImpl) {
    socket.on('message', (data) => this.received.push(data.toString()));
  }

  static async connect(url: string, protocol: string | string[] = 'sip'): Promise<RawSipClient> {
    const socket = new WebSocketImpl(url, protocol);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawSipClient(socket);
  }

  send(text: string): void {
    this.socket.send(text);
  }

  /** Waits for the next message matching `predicate`, parsed. */
  async next(predicate: (m: SipMessage) => boolean = () => true, timeoutMs = 2000): Promise<SipMessage> {
    return waitFor(() => this.received.map((t) => parseSipMessage(t)).find(predicate), timeoutMs, 'a SIP message');
  }

  close(): void {
    this.socket.close();
  }
}
