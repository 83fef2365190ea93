import {
  Registerer, RegistererState, SIPExtension, UserAgent, type Invitation, type Notification, type UserAgentOptions,
} from 'sip.js';
import type { Board, TimerHandle } from '../board';
import type { LineKeyConfig } from '../config/device-config';
import { BoardTransport, type BoardTransportOptions } from './board-transport';

/**
 * One line's registration with its call managers (RFC 3261 §10), through
 * sip.js over the board's WebSocket.
 *
 *   stopped ──start()──► connecting ──socket open──► registering ──200──► registered
 *                           │   ▲                        │                    │
 *              all fail ────┘   └── retry timer ◄── rejected (4xx) ◄───────────┤
 *                                                                             │ socket drops
 *                           connecting ◄──────────── backoff timer ◄───────────┘
 *
 * The call managers are tried in priority order; on a secondary the line
 * keeps probing the primary and moves back as soon as it answers.
 */
export type RegistrationState = 'stopped' | 'connecting' | 'registering' | 'registered' | 'rejected';

export interface RegistrationPolicy {
  /** Expires asked for in REGISTER (seconds). */
  readonly expires: number;
  /** Waits before reconnecting after every server failed or the socket dropped; the last repeats. */
  readonly retryDelaysMs: readonly number[];
  /** Wait after a 4xx before trying again. */
  readonly rejectedRetryMs: number;
  /** How often a line on a secondary call manager checks whether the primary is back. */
  readonly primaryProbeMs: number;
}

export const DEFAULT_REGISTRATION_POLICY: RegistrationPolicy = {
  expires: 3600, retryDelaysMs: [1000, 2000, 4000, 8000, 16000, 30000], rejectedRetryMs: 60_000, primaryProbeMs: 30_000,
};

export interface LineRegistrationListener {
  changed(line: LineRegistration): void;
  invite(line: LineRegistration, invitation: Invitation): void;
  /** An out-of-dialog NOTIFY (service-control, check-sync). */
  notify(line: LineRegistration, notification: Notification): void;
  log(text: string): void;
}

export class LineRegistration {
  private currentState: RegistrationState = 'stopped';
  private userAgentInstance: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private serverIndex = -1;
  private failures = 0;
  private timer: TimerHandle | null = null;
  private probeTimer: TimerHandle | null = null;
  private generation = 0;
  /** Why the line is not registered, for the LCD and Status Messages. */
  reason = '';

  constructor(
    private readonly board: Board,
    readonly line: LineKeyConfig,
    /** WebSocket URLs of the call managers, highest priority first. */
    readonly servers: readonly string[],
    private readonly policy: RegistrationPolicy,
    private readonly listener: LineRegistrationListener,
    private readonly sessionDescriptionHandlerFactory: unknown,
    private readonly userAgentString: string,
    /** The phone's MAC: its Contact carries `+sip.instance` as a Cisco phone's does. */
    private readonly mac: string,
  ) {}

  get state(): RegistrationState {
    return this.currentState;
  }

  get userAgent(): UserAgent | null {
    return this.userAgentInstance;
  }

  /** The registrar's host: the domain of request URIs this line sends. */
  get domain(): string {
    return /^wss?:\/\/([^/:]+|\[[^\]]+\])/.exec(this.registrar)?.[1] ?? '127.0.0.1';
  }

  /** The WebSocket URL of the call manager in use, or '' when none. */
  get registrar(): string {
    return this.serverIndex >= 0 ? this.servers[this.serverIndex] ?? '' : '';
  }

  /** Call-ID of this line's REGISTER: what a service-control NOTIFY must quote. */
  get registerCallId(): string {
    const request = (this.registerer as unknown as { request?: { callId?: string } } | null)?.request;
    return request?.callId ?? '';
  }

  start(): void {
    if (this.servers.length === 0) {
      this.reason = 'No CallManager with a WebSocket port';
      this.transition('rejected');
      return;
    }
    this.connectFrom(0);
  }

  /** Unregisters (when registered) and closes the socket. */
  async stop(): Promise<void> {
    this.generation++;
    this.clearTimers();
    await this.teardown(true);
    this.serverIndex = -1;
    this.transition('stopped');
  }

  /* ------------------------------------------------------------ internals */

  private connectFrom(index: number): void {
    const generation = ++this.generation;
    this.clearTimers();
    void this.tryServers(index, generation);
  }

  private async tryServers(first: number, generation: number): Promise<void> {
    for (let index = first; index < this.servers.length; index++) {
      if (generation !== this.generation) return;
      this.transition('connecting');
      const outcome = await this.registerWith(index, generation);
      if (outcome === 'registered' || outcome === 'rejected' || generation !== this.generation) return;
    }
    if (generation !== this.generation) return;
    const delays = this.policy.retryDelaysMs;
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 30_000;
    this.failures++;
    this.reason = 'No CallManager answered';
    this.transition('connecting');
    this.listener.log(`Line ${this.line.dn}: no CallManager answered; retrying in ${Math.round(delay / 1000)} s`);
    this.timer = this.board.clock.setTimeout(() => {
      this.timer = null;
      this.connectFrom(0);
    }, delay);
  }

  private async registerWith(index: number, generation: number): Promise<'registered' | 'rejected' | 'unreachable'> {
    await this.teardown(false);
    const server = this.servers[index] ?? '';
    const host = /^wss?:\/\/([^/:]+|\[[^\]]+\])/.exec(server)?.[1] ?? '127.0.0.1';
    const uri = UserAgent.makeURI(`sip:${this.line.dn}@${host}`);
    if (!uri) return 'unreachable';
    const transportOptions: BoardTransportOptions = { board: this.board, server };
    const options: UserAgentOptions = {
      uri,
      transportConstructor: BoardTransport as unknown as UserAgentOptions['transportConstructor'],
      transportOptions,
      authorizationUsername: this.line.authName,
      authorizationPassword: this.line.authPassword,
      displayName: this.line.displayName || this.line.label,
      contactName: this.line.dn,
      logBuiltinEnabled: false,
      logLevel: 'error',
      userAgentString: this.userAgentString,
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactory: this.sessionDescriptionHandlerFactory as UserAgentOptions['sessionDescriptionHandlerFactory'],
      delegate: {
        onInvite: (invitation) => this.listener.invite(this, invitation),
        onNotify: (notification) => this.listener.notify(this, notification),
        onDisconnect: (error) => {
          if (generation !== this.generation || !error) return;
          this.reason = `Connection to ${server} lost`;
          this.listener.log(`Line ${this.line.dn}: ${this.reason}`);
          this.scheduleReconnect();
        },
      },
    };
    const userAgent = new UserAgent(options);
    this.userAgentInstance = userAgent;
    try {
      await userAgent.start();
    } catch (error) {
      this.listener.log(`Line ${this.line.dn}: ${server} unreachable (${(error as Error).message})`);
      await this.teardown(false);
      return 'unreachable';
    }
    if (generation !== this.generation) return 'unreachable';
    this.serverIndex = index;
    this.transition('registering');
    const registerer = new Registerer(userAgent, {
      expires: this.policy.expires,
      extraContactHeaderParams: [instanceParam(this.mac)],
    });
    this.registerer = registerer;
    const result = await new Promise<'registered' | 'rejected' | 'unreachable'>((resolve) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve('registered');
      });
      registerer.register({
        requestDelegate: {
          onReject: (response) => {
            this.reason = `${response.message.statusCode} ${response.message.reasonPhrase}`;
            resolve('rejected');
          },
        },
      }).catch((error: Error) => {
        this.reason = error.message;
        resolve('unreachable');
      });
    });
    if (generation !== this.generation) return result;
    if (result === 'registered') {
      this.failures = 0;
      this.reason = '';
      this.transition('registered');
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Unregistered && generation === this.generation && this.currentState === 'registered') {
          this.reason = 'Registration lost';
          this.scheduleReconnect();
        }
      });
      if (index > 0) this.probePrimary(generation);
    } else if (result === 'rejected') {
      this.listener.log(`Line ${this.line.dn}: Registration Rejected (${this.reason}) by ${server}`);
      this.transition('rejected');
      this.timer = this.board.clock.setTimeout(() => {
        this.timer = null;
        this.connectFrom(0);
      }, this.policy.rejectedRetryMs);
    } else {
      await this.teardown(false);
    }
    return result;
  }

  private scheduleReconnect(): void {
    const generation = ++this.generation;
    this.clearTimers();
    this.transition('connecting');
    void this.teardown(false);
    const delays = this.policy.retryDelaysMs;
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 30_000;
    this.failures++;
    this.timer = this.board.clock.setTimeout(() => {
      this.timer = null;
      if (generation === this.generation) this.connectFrom(0);
    }, delay);
  }

  /** On a secondary: checks the primary now and then and moves back when it answers. */
  private probePrimary(generation: number): void {
    this.probeTimer = this.board.clock.setTimeout(() => {
      this.probeTimer = null;
      if (generation !== this.generation || !this.board.openWebSocket) return;
      const primary = this.servers[0] ?? '';
      const probe = this.board.openWebSocket(primary, 'sip');
      probe.onOpen = () => {
        probe.onClose = null;
        probe.close();
        if (generation !== this.generation) return;
        this.listener.log(`Line ${this.line.dn}: primary CallManager ${primary} is back`);
        this.connectFrom(0);
      };
      probe.onMessage = null;
      probe.onClose = () => {
        if (generation === this.generation) this.probePrimary(generation);
      };
    }, this.policy.primaryProbeMs);
  }

  private async teardown(unregister: boolean): Promise<void> {
    const registerer = this.registerer;
    const userAgent = this.userAgentInstance;
    this.registerer = null;
    this.userAgentInstance = null;
    if (unregister && registerer && registerer.state === RegistererState.Registered) {
      await registerer.unregister().catch(() => undefined);
    }
    await registerer?.dispose().catch(() => undefined);
    await userAgent?.stop().catch(() => undefined);
  }

  private clearTimers(): void {
    if (this.timer !== null) this.board.clock.clearTimeout(this.timer);
    if (this.probeTimer !== null) this.board.clock.clearTimeout(this.probeTimer);
    this.timer = null;
    this.probeTimer = null;
  }

  private transition(next: RegistrationState): void {
    if (this.currentState === next) return;
    this.currentState = next;
    this.listener.changed(this);
  }
}

/**
 * `+sip.instance` (RFC 5626 §4.1) as Cisco SIP phones write it: a UUID whose
 * last group is the MAC in lower case, so a call manager can tell which
 * device a binding belongs to even when several share a DN.
 */
export function instanceParam(mac: string): string {
  return `+sip.instance="<urn:uuid:00000000-0000-0000-0000-${mac.toLowerCase()}>"`;
}
