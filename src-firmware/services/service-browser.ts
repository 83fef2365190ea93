import { isPhoneKey, type PhoneKey } from '../keys';
import type { Screen, ScreenHost } from '../screens/screen';
import type { PhoneObject } from './phone-objects';
import { ServiceClient } from './service-client';
import { ServiceScreen, type ServiceNavigator } from './service-screen';
import { isHttpUrl } from './service-url';

/** One ResponseItem of a CiscoIPPhoneResponse (Status 0 = success). */
export interface ExecuteResult {
  readonly url: string;
  readonly status: number;
  readonly data: string;
}

/** What the browser needs from the phone around it. */
export interface ServicePhone {
  press(key: PhoneKey): void;
  dial(number: string): void;
  editDial(number: string): void;
  /** Opens a built-in application: the Init: URIs and the hard keys. */
  openApp(app: 'services' | 'directories' | 'messages' | 'info' | 'callhistory'): Promise<void>;
  showCallHistory(list: 'missed' | 'received' | 'placed'): void;
  /** A message on the prompt line until the next key press. */
  notice(text: string): void;
  /** CiscoIPPhoneStatus: an application status line, '' clears it. */
  setAppStatus(text: string, timerSeconds: number): void;
  /** Whether the phone is idle (no call, no application open): Execute Priority 1 and 2. */
  isIdle(): boolean;
  topScreen(): Screen | undefined;
}

/**
 * Runs IP Phone Services: fetches URLs through the ServiceClient, pushes
 * each object as a ServiceScreen on the app's navigation stack, and carries
 * out the internal URIs (Key:, Dial:, EditDial:, Init:, SoftKey:).
 */
export class ServiceBrowser {
  private loads = 0;

  constructor(
    private readonly host: ScreenHost,
    readonly client: ServiceClient,
    private readonly phone: ServicePhone,
  ) {}

  /** Opens a URL in an application (Services, Directories, a line's service button). */
  open(app: string, url: string): Promise<void> {
    return this.load(app, url, null, false);
  }

  /** Loads a screen's URL again in its place (an expired page the user came back to). */
  reload(screen: ServiceScreen): Promise<void> {
    return this.load(screen.app, screen.url, screen, true);
  }

  /** Shows an object the phone made itself (call history, local help). */
  show(app: string, object: Extract<PhoneObject, { title: string }>): void {
    this.host.push(new ServiceScreen(app, this.host, this.navigator(), object, ''));
  }

  /** Runs one URL or URI; HTTP URLs open in the Services application. */
  async run(uri: string, priority = 0): Promise<ExecuteResult> {
    const ok = { url: uri, status: 0, data: 'Success' };
    if (isHttpUrl(uri)) {
      if (priority === 2 && !this.phone.isIdle()) return { url: uri, status: 1, data: 'Phone not idle' };
      if (priority === 1 && !this.phone.isIdle()) return { url: uri, status: 1, data: 'Deferred until idle' };
      const answer = await this.client.get(uri);
      if (!answer.ok) {
        this.phone.notice(answer.message);
        return { url: uri, status: 1, data: answer.message };
      }
      this.present('services', answer.object, answer.url, null, false, answer.refresh, answer.expiresAt);
      return ok;
    }
    const colon = uri.indexOf(':');
    const scheme = colon > 0 ? uri.slice(0, colon) : '';
    const argument = colon > 0 ? uri.slice(colon + 1) : '';
    switch (scheme) {
      case 'Key': {
        const key = argument === 'KeyPad*' ? 'KeyPadStar' : argument === 'KeyPad#' ? 'KeyPadPound' : argument;
        if (!isPhoneKey(key)) return { url: uri, status: 6, data: 'URI not found' };
        this.phone.press(key);
        return ok;
      }
      case 'Dial':
        this.phone.dial(argument.split(':')[0] ?? '');
        return ok;
      case 'EditDial':
        this.phone.editDial(argument.split(':')[0] ?? '');
        return ok;
      case 'Init': {
        const target = argument.toLowerCase();
        if (target === 'appstatus') {
          this.phone.setAppStatus('', 0);
          return ok;
        }
        if (target === 'services' || target === 'directories' || target === 'messages' || target === 'callhistory') {
          await this.phone.openApp(target);
          return ok;
        }
        return { url: uri, status: 6, data: 'URI not found' };
      }
      case 'Application': {
        const lists: Record<string, 'missed' | 'received' | 'placed'> = {
          'Cisco/MissedCalls': 'missed', 'Cisco/ReceivedCalls': 'received', 'Cisco/PlacedCalls': 'placed',
        };
        const list = lists[argument];
        if (list) this.phone.showCallHistory(list);
        else if (argument === 'Cisco/Voicemail') await this.phone.openApp('messages');
        else return { url: uri, status: 6, data: 'URI not found' };
        return ok;
      }
      case 'SoftKey': {
        const top = this.phone.topScreen();
        if (top instanceof ServiceScreen) top.runAction(argument);
        else return { url: uri, status: 6, data: 'No XML object on screen' };
        return ok;
      }
      default:
        return { url: uri, status: 6, data: 'URI not found' };
    }
  }

  /** CiscoIPPhoneExecute: each item in turn (the SDK guarantees no order; we keep the document's). */
  async execute(items: readonly { url: string; priority: number }[]): Promise<ExecuteResult[]> {
    const results: ExecuteResult[] = [];
    for (const item of items) results.push(await this.run(item.url, item.priority));
    return results;
  }

  private navigator(): ServiceNavigator {
    return {
      follow: (from, url, replace) => {
        if (isHttpUrl(this.client.expandUrl(url))) void this.load(from.app, url, from, replace);
        else if (url.startsWith('SoftKey:')) from.runAction(url.slice('SoftKey:'.length));
        else void this.run(url);
      },
      dial: (number) => this.phone.dial(number),
      editDial: (number) => this.phone.editDial(number),
    };
  }

  private async load(app: string, url: string, from: ServiceScreen | null, replace: boolean): Promise<void> {
    const ticket = ++this.loads;
    this.phone.notice('Requesting...');
    const answer = await this.client.get(url);
    if (ticket !== this.loads) return;
    if (!answer.ok) {
      this.phone.notice(answer.message);
      return;
    }
    this.phone.notice('');
    this.present(app, answer.object, answer.url, from, replace, answer.refresh, answer.expiresAt);
  }

  private present(app: string, object: PhoneObject, url: string, from: ServiceScreen | null, replace: boolean,
    refresh?: ServiceScreen['refresh'], expiresAt?: number): void {
    switch (object.type) {
      case 'Execute':
        void this.execute(object.items);
        return;
      case 'Status':
        this.phone.setAppStatus(object.text, object.timer);
        return;
      default: {
        const screen = new ServiceScreen(app, this.host, this.navigator(), object, url, refresh, expiresAt);
        if (replace && from) this.host.replace(from, screen);
        else this.host.push(screen);
      }
    }
  }
}
