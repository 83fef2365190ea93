import {
  Inviter, SessionState, UserAgent, type Invitation, type Notification, type Referral, type Session,
} from 'sip.js';
import type { Clock, FirmwareEvent } from '../board';
import { dialCharOf, softkeyIndexOf, type PhoneKey } from '../keys';
import type { LcdRow } from '../phone-snapshot';
import type { Screen, ScreenHost, ScreenView, Softkeys } from '../screens/screen';
import type { DirectoryEntryObject } from '../services/phone-objects';
import { formatDuration, numberOfUri, stateLabel, type Call } from './call';

/** A registered line the calls can use. */
export interface CallLine {
  readonly dn: string;
  readonly userAgent: UserAgent;
  /** The registrar's host, for request URIs (`sip:<number>@<host>`). */
  readonly domain: string;
}

export interface CallHost {
  readonly clock: Clock;
  readonly screens: ScreenHost;
  emit(event: FirmwareEvent): void;
  log(text: string): void;
  refresh(): void;
  /** The line to place a call on (the primary, or the named DN), registered; null when none is. */
  line(dn?: string): CallLine | null;
  /** Opens the dialler for a consultation (transfer or conference) and calls back with the number. */
  consultDialer(kind: 'transfer' | 'conference', done: (number: string) => void): void;
  readonly history: { missed: DirectoryEntryObject[]; received: DirectoryEntryObject[]; placed: DirectoryEntryObject[] };
  /** Call Forward All target, '' when off. */
  forwardAllTarget(): string;
}

const CONNECTED_PAGES: readonly Softkeys[] = [['Hold', 'EndCall', 'Transfer', 'more'], ['Conf', 'NewCall', '', 'more']];
const HISTORY_LIMIT = 32;
const REINVITE_ATTEMPTS = 6;
const REINVITE_RETRY_MS = 200;

/**
 * The phone's calls: placing, answering, holding, transferring (blind and
 * consultative, RFC 3515 REFER with RFC 3891 Replaces), a three-party
 * conference bridged by this phone, DTMF, Call Forward All and the call lists.
 * While any call exists its screen sits at the bottom of the screen stack.
 */
export class CallControl implements Screen {
  readonly app = 'call';
  private readonly calls: Call[] = [];
  private selected = 0;
  private nextId = 1;
  private page = 0;
  private lastEnded = '';

  constructor(private readonly host: CallHost) {}

  /* ----------------------------------------------------------- queries */

  hasCalls(): boolean {
    return this.calls.length > 0;
  }

  list(): readonly Call[] {
    return this.calls;
  }

  ringing(): Call | undefined {
    return this.calls.find((call) => call.state === 'ringing');
  }

  /** The call the keys act on. */
  current(): Call | undefined {
    return this.calls[this.selected] ?? this.calls[0];
  }

  /* ----------------------------------------------------------- outgoing */

  /** Places a call to a number on the primary line; false (with a prompt) when no line is registered. */
  placeCall(number: string, consultFor: Call | null = null, consultKind: Call['consultKind'] = null): boolean {
    const line = this.host.line();
    if (!line) {
      this.host.screens.flash('No line available');
      this.host.log(`Dial ${number}: no registered line`);
      return false;
    }
    const target = UserAgent.makeURI(`sip:${number}@${line.domain}`);
    if (!target) {
      this.host.screens.flash('Invalid number');
      return false;
    }
    for (const other of this.calls) if (other.state === 'connected' && !other.conference) void this.hold(other);
    const inviter = new Inviter(line.userAgent, target, { earlyMedia: true });
    const call = this.track(inviter, 'outgoing', line.dn, number, '');
    call.consultFor = consultFor;
    call.consultKind = consultKind;
    this.selected = this.calls.indexOf(call);
    this.remember('placed', { name: number, telephone: number });
    void inviter.invite({
      requestDelegate: {
        onProgress: (response) => {
          if ((response.message.statusCode ?? 0) >= 180 && call.state === 'proceeding') this.transition(call, 'ringback');
        },
        onReject: (response) => {
          const status = response.message.statusCode;
          call.endReason = status === 486 || status === 600 ? 'Busy' : status === 404 ? 'Unknown number'
            : status === 480 ? 'Unavailable' : status === 408 ? 'No answer' : `${status} ${response.message.reasonPhrase}`;
          if (!this.calls.includes(call)) this.showEnded(call.endReason);
        },
        onRedirect: (response) => {
          const contact = response.message.getHeader('Contact') ?? '';
          const forwarded = numberOfUri(contact);
          call.endReason = `Forwarded to ${forwarded}`;
          this.host.log(`Call to ${number} forwarded to ${forwarded}`);
          this.host.clock.setTimeout(() => this.placeCall(forwarded), 0);
        },
      },
    }).catch((error: Error) => {
      call.endReason = error.message;
      this.finish(call);
    });
    return true;
  }

  /* ----------------------------------------------------------- incoming */

  incoming(lineDn: string, invitation: Invitation): void {
    const from = invitation.remoteIdentity;
    const number = from.uri.user ?? '';
    const name = from.displayName ?? '';
    const replacee = invitation.replacee;
    const forward = this.host.forwardAllTarget();
    if (forward && !replacee) {
      this.host.log(`Call from ${number} forwarded to ${forward}`);
      const domain = this.host.line(lineDn)?.domain ?? '127.0.0.1';
      void invitation.reject({ statusCode: 302, extraHeaders: [`Contact: <sip:${forward}@${domain}>`] });
      this.remember('missed', { name: name || number, telephone: number });
      return;
    }
    const call = this.track(invitation, 'incoming', lineDn, number, name);
    // Call waiting: the new call is highlighted so Answer acts on it (and holds the other).
    if (this.current()?.state !== 'ringing') this.selected = this.calls.indexOf(call);
    this.transition(call, 'ringing');
    if (replacee) {
      this.host.log(`Call from ${number} replaces an existing call`);
      void this.answer(call).then(() => {
        if (replacee.state === SessionState.Established) void replacee.bye().catch(() => undefined);
      });
    }
  }

  async answer(call: Call): Promise<void> {
    if (call.state !== 'ringing') return;
    for (const other of this.calls) if (other !== call && other.state === 'connected') await this.hold(other);
    this.selected = this.calls.indexOf(call);
    this.remember('received', { name: call.peerName || call.peerNumber, telephone: call.peerNumber });
    await (call.session as Invitation).accept().catch((error: Error) => {
      call.endReason = error.message;
      this.finish(call);
    });
  }

  /* ----------------------------------------------------------- in call */

  async hangUp(call: Call | undefined = this.current()): Promise<void> {
    if (!call) return;
    const session = call.session;
    try {
      if (session.state === SessionState.Established) await session.bye();
      else if (session instanceof Inviter) await session.cancel();
      else if (call.state === 'ringing') {
        await (session as Invitation).reject({ statusCode: 486 });
        call.endReason = 'Diverted';
      }
    } catch {
      this.finish(call);
    }
  }

  async hold(call: Call): Promise<void> {
    if (call.state !== 'connected') return;
    call.state = 'held';
    this.refresh();
    await this.reinvite(call, true);
  }

  async resume(call: Call): Promise<void> {
    if (call.state !== 'held') return;
    for (const other of this.calls) if (other !== call && other.state === 'connected' && !other.conference) await this.hold(other);
    call.state = 'connected';
    this.refresh();
    await this.reinvite(call, false);
  }

  /** Hook or Speaker pressed with calls present: answer a ringing call or end the current one. */
  hook(offHook: boolean): boolean {
    if (offHook) {
      const ringing = this.ringing();
      if (ringing) {
        void this.answer(ringing);
        return true;
      }
      return false;
    }
    const current = this.calls.find((call) => call.state === 'connected') ?? this.calls.find((call) => call.state === 'proceeding' || call.state === 'ringback');
    if (current) {
      if (current.conference) for (const member of this.calls.filter((call) => call.conference)) void this.hangUp(member);
      else void this.hangUp(current);
      return true;
    }
    return false;
  }

  endAll(): void {
    for (const call of [...this.calls]) void this.hangUp(call);
  }

  /* ----------------------------------------------------------- screen */

  view(): ScreenView {
    const now = this.host.clock.now();
    const rows: LcdRow[] = this.calls.map((call, index) => ({
      text: `${call.peerName ? `${call.peerName} ` : ''}${call.peerNumber}`,
      value: call.state === 'connected' && call.connectedAt !== null ? `${stateLabel(call)} ${formatDuration(now - call.connectedAt)}` : stateLabel(call),
      ...(index === this.selected ? { selected: true } : {}),
    }));
    const current = this.current();
    return {
      title: current ? `Line ${current.lineDn}` : '',
      rows,
      softkeys: this.softkeys(current),
      prompt: this.prompt(current),
    };
  }

  onKey(key: PhoneKey): boolean {
    const current = this.current();
    if (key === 'NavUp' || key === 'NavDwn') {
      if (this.calls.length > 0) this.selected = (this.selected + (key === 'NavUp' ? this.calls.length - 1 : 1)) % this.calls.length;
      this.page = 0;
      this.refresh();
      return true;
    }
    const digit = dialCharOf(key);
    if (digit !== null) {
      if (current?.state === 'connected') {
        const sent = current.session.sessionDescriptionHandler?.sendDtmf(digit) ?? false;
        this.host.emit({ type: 'dtmf', dn: current.lineDn, digit, sent });
      }
      return true;
    }
    const softkey = softkeyIndexOf(key);
    if (softkey === null) return false;
    const label = this.softkeys(current)[softkey] ?? '';
    void this.runSoftkey(label, current);
    return true;
  }

  back(): void {
    // Leaving the call screen is not possible while calls exist; Escape ends nothing.
  }

  /* ----------------------------------------------------------- internals */

  private softkeys(call: Call | undefined): Softkeys {
    if (!call) return ['', '', '', ''];
    switch (call.state) {
      case 'ringing':
        return ['Answer', 'Divert', '', ''];
      case 'proceeding':
      case 'ringback':
        return call.consultFor ? ['', 'EndCall', call.consultKind === 'conference' ? 'Conf' : 'Transfer', ''] : ['', 'EndCall', '', ''];
      case 'held':
        return ['Resume', 'NewCall', 'EndCall', ''];
      case 'connected':
        if (call.consultFor) return ['Hold', 'EndCall', call.consultKind === 'conference' ? 'Conf' : 'Transfer', ''];
        return CONNECTED_PAGES[this.page] ?? ['', '', '', ''];
      default:
        return ['', '', '', ''];
    }
  }

  private prompt(call: Call | undefined): string {
    if (!call) return this.lastEnded;
    if (call.consultFor) return call.consultKind === 'conference' ? 'Press Conf to join' : 'Press Transfer to complete';
    if (call.state === 'ringing') return `From ${call.peerName || call.peerNumber}`;
    return '';
  }

  private async runSoftkey(label: string, call: Call | undefined): Promise<void> {
    if (!call) return;
    switch (label) {
      case 'Answer': return this.answer(call);
      case 'Divert':
      case 'EndCall': return this.hangUp(call);
      case 'Hold': return this.hold(call);
      case 'Resume': return this.resume(call);
      case 'more':
        this.page = (this.page + 1) % CONNECTED_PAGES.length;
        this.refresh();
        return;
      case 'NewCall':
        if (call.state === 'connected') void this.hold(call);
        this.host.consultDialer('transfer', (number) => this.placeCall(number));
        return;
      case 'Transfer':
        if (call.consultFor) return this.completeTransfer(call);
        void this.hold(call);
        this.host.consultDialer('transfer', (number) => this.placeCall(number, call, 'transfer'));
        return;
      case 'Conf':
        if (call.consultFor) return this.completeConference(call);
        void this.hold(call);
        this.host.consultDialer('conference', (number) => this.placeCall(number, call, 'conference'));
        return;
      default:
        return;
    }
  }

  /**
   * Transfer pressed on the consultation leg: answered → REFER the held call
   * to it with Replaces (consultative); still ringing → REFER to the number
   * and drop the consultation (blind).
   */
  private async completeTransfer(consult: Call): Promise<void> {
    const original = consult.consultFor;
    if (!original) return;
    this.host.log(`Transfer ${original.peerNumber} to ${consult.peerNumber}`);
    await original.mediaUpdate;
    const onNotify = (notification: Notification): void => {
      void notification.accept();
      const status = Number(/SIP\/2\.0\s+(\d{3})/.exec(notification.request.body ?? '')?.[1] ?? 0);
      if (status >= 200 && status < 300) {
        this.host.log(`Transfer of ${original.peerNumber} to ${consult.peerNumber} completed`);
        void this.hangUp(original);
        if (this.calls.includes(consult)) void this.hangUp(consult);
      } else if (status >= 300) {
        this.host.log(`Transfer failed: ${status}`);
        this.host.screens.flash('Transfer failed');
      }
    };
    if (consult.session.state === SessionState.Established) {
      await original.session.refer(consult.session, { onNotify });
    } else {
      const line = this.host.line(original.lineDn);
      const target = line ? UserAgent.makeURI(`sip:${consult.peerNumber}@${line.domain}`) : undefined;
      await this.hangUp(consult);
      if (target) await original.session.refer(target, { onNotify });
    }
    this.host.emit({ type: 'transfer', dn: original.lineDn, from: original.peerNumber, to: consult.peerNumber });
  }

  /** Conf pressed on the answered consultation: both parties join a conference this phone bridges. */
  private async completeConference(consult: Call): Promise<void> {
    const original = consult.consultFor;
    if (!original || consult.state !== 'connected') return;
    consult.consultFor = null;
    consult.consultKind = null;
    original.conference = true;
    consult.conference = true;
    await this.resume(original).catch(() => undefined);
    original.state = 'connected';
    this.host.emit({ type: 'conference', dn: original.lineDn, parties: [original.peerNumber, consult.peerNumber] });
    this.refresh();
  }

  /**
   * Puts the call on or off hold with a re-INVITE (RFC 3264 §8.4:
   * a=sendonly / a=sendrecv), queued behind any re-INVITE still pending
   * (RFC 3261 §14.1). A glare (491) or a peer still busy with the previous
   * transaction (500 with Retry-After, §14.2) is retried.
   */
  private reinvite(call: Call, hold: boolean): Promise<void> {
    const send = (): Promise<void> => this.sendReinvite(call, hold, 1);
    call.mediaUpdate = call.mediaUpdate.then(send, send);
    return call.mediaUpdate;
  }

  private sendReinvite(call: Call, hold: boolean, attempt: number): Promise<void> {
    const session = call.session;
    const what = hold ? 'Hold' : 'Resume';
    return new Promise((resolve) => {
      if (session.state !== SessionState.Established || (call.state === 'held') !== hold) {
        resolve();
        return;
      }
      session.sessionDescriptionHandlerOptionsReInvite = { hold } as typeof session.sessionDescriptionHandlerOptionsReInvite;
      session.invite({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response) => {
            const status = response.message.statusCode ?? 0;
            if ((status === 491 || status === 500) && attempt < REINVITE_ATTEMPTS) {
              this.host.clock.setTimeout(() => void this.sendReinvite(call, hold, attempt + 1).then(resolve), REINVITE_RETRY_MS * attempt);
              return;
            }
            this.host.log(`${what} refused by ${call.peerNumber}: ${status}`);
            resolve();
          },
        },
      }).catch((error: Error) => {
        this.host.log(`${what} failed: ${error.message}`);
        resolve();
      });
    });
  }

  private track(session: Session, direction: Call['direction'], lineDn: string, number: string, name: string): Call {
    const call: Call = {
      id: this.nextId++, direction, lineDn, peerNumber: number, peerName: name,
      state: 'proceeding', remoteHold: false, startedAt: this.host.clock.now(), connectedAt: null,
      endReason: '', session, conference: false, consultFor: null, consultKind: null, mediaUpdate: Promise.resolve(),
    };
    // A callee may not start a re-INVITE before the ACK of its 2xx has arrived (RFC 3261 §14.1):
    // hold, resume and transfer on an answered call queue behind that ACK.
    let acknowledged: () => void = () => undefined;
    if (direction === 'incoming') call.mediaUpdate = new Promise((resolve) => { acknowledged = resolve; });
    this.calls.push(call);
    if (this.calls.length === 1) {
      this.page = 0;
      this.host.screens.push(this);
    }
    session.delegate = {
      onAck: () => acknowledged(),
      onRefer: (referral) => this.referred(call, referral),
      onInvite: (request) => {
        call.remoteHold = /^a=(sendonly|inactive)\s*$/m.test(request.body ?? '');
        this.refresh();
      },
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        call.connectedAt ??= this.host.clock.now();
        if (call.state !== 'held') this.transition(call, 'connected');
      } else if (state === SessionState.Terminated) {
        acknowledged();
        if (direction === 'incoming' && call.connectedAt === null && call.state === 'ringing') {
          this.remember('missed', { name: name || number, telephone: number });
          call.endReason ||= 'Missed';
        }
        this.finish(call);
      }
    });
    if (direction === 'outgoing') this.host.emit({ type: 'call', dn: lineDn, state: 'dialing', peer: number, direction });
    this.refresh();
    return call;
  }

  /** A REFER from the far end (we are the transferee): accept and call the target. */
  private referred(call: Call, referral: Referral): void {
    void referral.accept().then(() => {
      const inviter = referral.makeInviter();
      const target = inviter.request.ruri.user ?? '';
      this.host.log(`Transferred by ${call.peerNumber} to ${target}`);
      const next = this.track(inviter, 'outgoing', call.lineDn, target, '');
      this.selected = this.calls.indexOf(next);
      void inviter.invite().catch(() => this.finish(next));
    });
  }

  private transition(call: Call, state: Call['state']): void {
    if (call.state === state) return;
    call.state = state;
    this.host.emit({ type: 'call', dn: call.lineDn, state, peer: call.peerNumber, direction: call.direction });
    this.refresh();
  }

  private finish(call: Call): void {
    const index = this.calls.indexOf(call);
    if (index < 0) return;
    this.calls.splice(index, 1);
    const reason = call.endReason || (call.connectedAt === null && call.direction === 'outgoing' ? 'Call failed' : 'Call ended');
    this.lastEnded = call.connectedAt === null ? reason : '';
    this.host.emit({ type: 'call', dn: call.lineDn, state: 'ended', peer: call.peerNumber, direction: call.direction, reason });
    for (const member of this.calls) {
      if (member.consultFor === call) {
        member.consultFor = null;
        member.consultKind = null;
      }
    }
    const conferenceLeft = this.calls.filter((member) => member.conference);
    if (conferenceLeft.length === 1 && conferenceLeft[0]) conferenceLeft[0].conference = false;
    this.selected = Math.min(this.selected, Math.max(0, this.calls.length - 1));
    if (this.calls.length === 0) {
      this.host.screens.close(this);
      if (this.lastEnded) this.showEnded(this.lastEnded);
    }
    this.refresh();
  }

  /** Why the last call ended, on the prompt line for a few seconds. */
  private showEnded(reason: string): void {
    this.lastEnded = reason;
    if (this.calls.length === 0) this.host.screens.flash(reason, 4000);
  }

  private remember(list: 'missed' | 'received' | 'placed', entry: DirectoryEntryObject): void {
    const history = this.host.history[list];
    history.push(entry);
    if (history.length > HISTORY_LIMIT) history.shift();
  }

  private refresh(): void {
    this.host.refresh();
  }
}
