/**
 * sip.js 0.21.2 user agents for tests, in Node: `ws` stands in for the browser
 * WebSocket (sip.js's transport calls `new WebSocket(server, "sip")`, so the
 * `sip` subprotocol is offered), and sessions use the media-less handler.
 */
import WebSocketImpl from 'ws';
import {
  Inviter, Registerer, RegistererState, UserAgent, type Core, type Invitation, type Message, type Notification,
} from 'sip.js';

type IncomingResponse = Core.IncomingResponse;
import { nullSessionDescriptionHandlerFactory } from './null-session-description-handler';

export function installNodeWebSocket(): void {
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocketImpl;
}

export interface TestPhoneOptions {
  readonly server: string;
  readonly dn: string;
  /** The AOR's domain; default `lab.invalid`. */
  readonly domain?: string;
  readonly authName?: string;
  readonly password?: string;
  readonly expires?: number;
}

export interface RegisterOutcome {
  readonly status: number;
  /** Call-ID of the final REGISTER transaction. */
  readonly callId: string;
  readonly contactExpires?: string;
}

/** One line of a phone, as a sip.js UserAgent with its Registerer and recorded incoming requests. */
export class TestPhone {
  readonly ua: UserAgent;
  readonly registerer: Registerer;
  readonly invitations: Invitation[] = [];
  readonly messages: Message[] = [];
  readonly notifications: Notification[] = [];
  /** Every SIP message the phone received, as text. */
  readonly wire: string[] = [];
  /** Called for each incoming INVITE before it is recorded; default leaves it ringing. */
  onInvite: (invitation: Invitation) => void = () => undefined;
  onNotify: (notification: Notification) => void = (n) => void n.accept();

  constructor(readonly options: TestPhoneOptions) {
    const uri = UserAgent.makeURI(`sip:${options.dn}@${options.domain ?? 'lab.invalid'}`);
    if (!uri) throw new Error(`bad DN ${options.dn}`);
    this.ua = new UserAgent({
      uri,
      transportOptions: { server: options.server },
      authorizationUsername: options.authName ?? options.dn,
      authorizationPassword: options.password ?? '',
      sessionDescriptionHandlerFactory: nullSessionDescriptionHandlerFactory,
      logLevel: 'error',
      logBuiltinEnabled: false,
      delegate: {
        onInvite: (invitation) => {
          this.invitations.push(invitation);
          this.onInvite(invitation);
        },
        onMessage: (message) => {
          this.messages.push(message);
          void message.accept();
        },
        onNotify: (notification) => {
          this.notifications.push(notification);
          this.onNotify(notification);
        },
      },
    });
    this.registerer = new Registerer(this.ua, { expires: options.expires ?? 600 });
    const transport = this.ua.transport;
    const deliver = transport.onMessage;
    transport.onMessage = (message: string) => {
      this.wire.push(message);
      deliver?.(message);
    };
  }

  /** Start lines of received messages, e.g. `ACK sip:…` or `SIP/2.0 180 Ringing`. */
  startLines(): string[] {
    return this.wire.map((m) => m.slice(0, m.indexOf('\r\n')));
  }

  async start(): Promise<void> {
    await this.ua.start();
  }

  /** Registers and resolves with the final response (after any digest round). */
  register(): Promise<RegisterOutcome> {
    return new Promise((resolve, reject) => {
      const settle = (response: IncomingResponse): void => resolve({
        status: response.message.statusCode ?? 0,
        callId: response.message.callId,
        ...(response.message.getHeader('Contact') ? { contactExpires: response.message.getHeader('Contact') as string } : {}),
      });
      this.registerer.register({ requestDelegate: { onAccept: settle, onReject: settle } }).catch(reject);
    });
  }

  unregister(): Promise<number> {
    return new Promise((resolve, reject) => {
      const settle = (response: IncomingResponse): void => resolve(response.message.statusCode ?? 0);
      this.registerer.unregister({ requestDelegate: { onAccept: settle, onReject: settle } }).catch(reject);
    });
  }

  get registered(): boolean {
    return this.registerer.state === RegistererState.Registered;
  }

  /** An Inviter to `dn` in the same AOR domain (the proxy routes by the user part). */
  inviter(dn: string): Inviter {
    const target = UserAgent.makeURI(`sip:${dn}@${this.options.domain ?? 'lab.invalid'}`);
    if (!target) throw new Error(`bad target ${dn}`);
    return new Inviter(this.ua, target);
  }

  async stop(): Promise<void> {
    await this.ua.stop();
  }
}

/** Polls until `check` returns a truthy value (no fixed sleeps in stories). */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
