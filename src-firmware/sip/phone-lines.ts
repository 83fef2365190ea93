import type { Invitation, Notification } from 'sip.js';
import type { Board } from '../board';
import type { DeviceConfig, LineKeyConfig } from '../config/device-config';
import { LineRegistration, type RegistrationPolicy } from './line-registration';
import { readServiceControl } from './service-control';
import { SignallingOnlyDescriptionHandler } from './signalling-only-sdh';

/** What the set of lines tells the phone around it. */
export interface PhoneLinesListener {
  /** A line's registration changed (the phone redraws lamps, the prompt, Settings). */
  changed(line: LineRegistration, primary: boolean): void;
  invite(line: LineRegistration, invitation: Invitation): void;
  /** A service-control / check-sync NOTIFY that quoted one of our REGISTER Call-IDs. */
  restart(action: 'restart' | 'reset', orderedBy: string): void;
  log(text: string): void;
}

/**
 * Every line of the current configuration, each registered on its own
 * (`LineRegistration`), and the call manager's reset/restart NOTIFY
 * (cisco-reference.md §6): always answered 200, obeyed only when
 * RegisterCallId is one of this phone's REGISTER Call-IDs (check-sync carries
 * none and is obeyed).
 */
export class PhoneLines {
  private registrations: LineRegistration[] = [];
  private sessionCounter = 1;

  constructor(
    private readonly board: Board,
    private readonly policy: RegistrationPolicy,
    private readonly userAgentString: string,
    private readonly listener: PhoneLinesListener,
  ) {}


  /** Replaces the running lines with the configuration's; `mac` goes into each Contact's `+sip.instance`. */
  async start(config: DeviceConfig, mac: string): Promise<void> {
    await this.stop('new configuration');
    const servers = config.callManagers.flatMap((manager) => (manager.webSocketUrl ? [manager.webSocketUrl] : []));
    const lines = config.buttons.filter((button): button is LineKeyConfig => button.kind === 'line');
    if (lines.length === 0) return;
    if (!this.board.openWebSocket) {
      this.listener.log('This board has no WebSocket: lines stay unregistered');
      return;
    }
    if (servers.length === 0) this.listener.log('No CallManager with a WebSocket port in the configuration');
    const factory = this.board.media?.sessionDescriptionHandlerFactory ?? (() => new SignallingOnlyDescriptionHandler(this.sessionCounter++));
    if (!this.board.media) this.listener.log('No media on this board: calls carry signalling only');
    this.registrations = lines.map((line) => new LineRegistration(this.board, line, servers, this.policy, {
      changed: (registration) => this.changed(registration),
      invite: (registration, invitation) => this.listener.invite(registration, invitation),
      notify: (registration, notification) => this.serviceControl(registration, notification),
      log: (text) => this.listener.log(text),
    }, factory, this.userAgentString, mac));
    for (const registration of this.registrations) registration.start();
  }

  /** Unregisters every line; `unregistered` events say why. */
  async stop(reason: string): Promise<void> {
    const running = this.registrations;
    this.registrations = [];
    await Promise.all(running.map(async (registration) => {
      const wasRegistered = registration.state === 'registered';
      await registration.stop();
      if (wasRegistered) this.board.emit({ type: 'unregistered', dn: registration.line.dn, reason });
    }));
  }

  all(): readonly LineRegistration[] {
    return this.registrations;
  }

  /** A registered line (the primary, or the one with this DN). */
  registered(dn?: string): LineRegistration | undefined {
    return this.registrations.find((line) => line.state === 'registered' && (dn === undefined || line.line.dn === dn));
  }

  /** Settings › CallManager N: Active when the primary line is registered there. */
  callManagerState(webSocketUrl: string | undefined): 'Active' | 'Standby' {
    const primary = this.registrations[0];
    return primary && webSocketUrl && primary.state === 'registered' && primary.registrar === webSocketUrl ? 'Active' : 'Standby';
  }

  private changed(registration: LineRegistration): void {
    if (!this.registrations.includes(registration)) return;
    const dn = registration.line.dn;
    if (registration.state === 'registered') {
      this.listener.log(`Line ${dn} registered with ${registration.registrar}`);
      this.board.emit({ type: 'registered', dn, registrar: registration.registrar });
    } else if (registration.state === 'rejected' || (registration.state === 'connecting' && registration.reason)) {
      this.board.emit({ type: 'unregistered', dn, reason: registration.reason });
    }
    this.listener.changed(registration, this.registrations[0] === registration);
  }

  private serviceControl(registration: LineRegistration, notification: Notification): void {
    const request = notification.request;
    const command = readServiceControl(request.getHeader('Event') ?? '', request.body ?? '');
    void notification.accept();
    if (!command) return;
    const ownCallIds = this.registrations.map((line) => line.registerCallId).filter((id) => id !== '');
    if (command.event !== 'check-sync' && !ownCallIds.includes(command.registerCallId)) {
      this.listener.log(`Ignored ${command.event} ${command.action}: RegisterCallId ${command.registerCallId || '(none)'} is not ours`);
      this.board.emit({ type: 'notify-ignored', event: command.event, action: command.action, registerCallId: command.registerCallId, line: registration.line.dn });
      return;
    }
    if (command.action === 'other') return;
    this.listener.log(`${command.event}: ${command.action} ordered by ${registration.registrar}`);
    this.listener.restart(command.action, registration.registrar);
  }
}
