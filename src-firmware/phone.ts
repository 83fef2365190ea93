import type { Board, TimerHandle } from './board';
import { BootCancelled, DEFAULT_TFTP_POLICY, fetchDeviceConfiguration, type ConfigSource, type TftpRetryPolicy } from './boot/config-fetch';
import { formatHeaderClock } from './clock-format';
import { parseDeviceConfig, primaryLine, type ButtonConfig, type DeviceConfig } from './config/device-config';
import { dialCharOf, keyFromControlName, lineIndexOf, softkeyIndexOf, type PhoneKey } from './keys';
import {
  deviceNameOf, loadNetworkSettings, tftpServerKey, saveNetworkSettings, type NetworkSettings,
} from './network-settings';
import { BLANK_LINE, type LcdRow, type LineButtonView, type PhoneSnapshot, type PhoneState } from './phone-snapshot';
import { DialScreen } from './screens/dial-screen';
import type { Screen, ScreenHost } from './screens/screen';
import { CONTRAST_LEVELS, openSettings, type SettingsModel } from './screens/settings-screens';
import { StatusLog } from './status-log';
import {
  FIRMWARE_LOAD, callManagerRows, deviceInformation, modelInformation, networkConfiguration, networkStatistics,
  type PhoneFacts, type TftpStatistics,
} from './phone-information';
import { ServiceBrowser, type ExecuteResult } from './services/service-browser';
import { ServiceClient } from './services/service-client';
import { ServiceScreen } from './services/service-screen';
import { PhoneObjectError, countExecuteItems, parsePhoneObject, type DirectoryEntryObject } from './services/phone-objects';
import { decodeXmlBytes, encodeUtf8 } from './xml/text-decoding';
import { DEFAULT_REGISTRATION_POLICY, type LineRegistration, type RegistrationPolicy } from './sip/line-registration';
import { PhoneLines } from './sip/phone-lines';
import { CallControl } from './calls/call-control';
import { callTone } from './calls/call';

export { MODEL_NUMBER, FIRMWARE_LOAD } from './phone-information';

const FLASH_CONFIG_KEY = 'flash-config';
const RING_TYPES = ['Chirp1', 'Chirp2', 'Sample1', 'Sample2', 'Sample3', 'Pulse1', 'Vibe'];
const IDLE_SOFTKEY_PAGES: readonly (readonly [string, string, string, string])[] = [
  ['Redial', 'NewCall', 'CFwdAll', 'more'],
  ['Pickup', 'GPickup', 'MeetMe', 'more'],
];

export interface PhoneOptions {
  readonly tftpPolicy?: TftpRetryPolicy;
  readonly registrationPolicy?: RegistrationPolicy;
  /** The dialler sends the number after this pause after the last digit (0: only on Dial). */
  readonly interDigitTimeoutMs?: number;
  /** Waits between whole-boot retries when no configuration could be had; the last repeats. */
  readonly retryDelaysMs?: readonly number[];
}

/** Cisco's default T302 inter-digit timer is 15 s; a phone user expects the call to go sooner. */
export const DEFAULT_INTER_DIGIT_TIMEOUT_MS = 10_000;

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [10_000, 20_000, 40_000, 60_000];

/**
 * The phone's firmware: owns every bit of phone state and publishes it as
 * immutable snapshots. Hosts call `press()` and render `getSnapshot()`.
 *
 *   start ──► booting ──config──► idle ◄──────────────┐
 *                │                                     │ retry succeeds
 *                └──nothing usable──► error ──timer────┘
 *                └──nothing new, flash config──► idle (retrying in the background)
 *
 * Booting runs the named steps of `fetchDeviceConfiguration`; every step is
 * shown on the status line and kept in Status Messages.
 */
export class Phone {
  private settings: NetworkSettings;
  private readonly options: Required<PhoneOptions>;
  private readonly listeners = new Set<(snapshot: PhoneSnapshot) => void>();
  private readonly statusLog = new StatusLog();
  private readonly screens: Screen[] = [];
  private readonly timers = new Set<TimerHandle>();
  private snapshot: PhoneSnapshot;

  private state: PhoneState = 'booting';
  private bootGeneration = 0;
  private stopped = false;
  private statusText = 'Configuring IP';
  private errorText = '';
  private retryAt = 0;
  private retryCount = 0;
  private retryTimer: TimerHandle | null = null;
  private config: DeviceConfig | null = null;
  private configSource: ConfigSource | 'flash' | null = null;
  private networkChanged = false;

  private hook: 'on-hook' | 'off-hook' = 'on-hook';
  private audio = { speaker: false, headset: false, mute: false, volume: 8 };
  private contrast = 8;
  private ringType = RING_TYPES[0] ?? '';
  private idleSoftkeyPage = 0;
  private flashText = '';
  private flashTimer: TimerHandle | null = null;
  private redialNumber = '';
  private readonly lines: PhoneLines;
  private readonly calls: CallControl;
  private forwardAll = '';
  private noticeText = '';
  private appStatus = '';
  private appStatusTimer: TimerHandle | null = null;
  private readonly services: ServiceBrowser;
  /** Call history for Directories (filled by the call layer). */
  readonly callHistory: { missed: DirectoryEntryObject[]; received: DirectoryEntryObject[]; placed: DirectoryEntryObject[] } = {
    missed: [], received: [], placed: [],
  };
  private readonly statistics: TftpStatistics = { tftpRequests: 0, tftpOk: 0, tftpNotFound: 0, tftpTimeouts: 0, tftpErrors: 0, boots: 0 };

  constructor(private readonly board: Board, launchDefaults: NetworkSettings, options: PhoneOptions = {}) {
    this.settings = launchDefaults;
    this.options = {
      tftpPolicy: options.tftpPolicy ?? DEFAULT_TFTP_POLICY,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      registrationPolicy: options.registrationPolicy ?? DEFAULT_REGISTRATION_POLICY,
      interDigitTimeoutMs: options.interDigitTimeoutMs ?? DEFAULT_INTER_DIGIT_TIMEOUT_MS,
    };
    this.services = new ServiceBrowser(this.screenHost, new ServiceClient(board, () => deviceNameOf(this.settings.mac)), {
      press: (key) => this.press(key),
      dial: (number) => this.dial(number),
      editDial: (number) => this.editDial(number),
      openApp: (app) => this.openApp(app),
      notice: (text) => this.notice(text),
      setAppStatus: (text, seconds) => this.setAppStatus(text, seconds),
      showCallHistory: (list) => this.showCallHistory(list),
      isIdle: () => this.state === 'idle' && this.screens.length === 0,
      topScreen: () => this.screens[this.screens.length - 1],
    });
    this.lines = new PhoneLines(board, this.options.registrationPolicy, `Cisco-CP7960G/${FIRMWARE_LOAD}`, {
      changed: (registration, primary) => this.lineChanged(registration, primary),
      invite: (registration, invitation) => this.calls.incoming(registration.line.dn, invitation),
      restart: (action) => void this.restart(action),
      log: (text) => this.log(text),
    });
    this.calls = new CallControl({
      clock: board.clock,
      screens: this.screenHost,
      emit: (event) => board.emit(event),
      log: (text) => this.log(text),
      refresh: () => this.refresh(),
      line: (dn) => {
        const registration = this.lines.registered(dn);
        const userAgent = registration?.userAgent;
        return registration && userAgent ? { dn: registration.line.dn, userAgent, domain: registration.domain } : null;
      },
      consultDialer: (kind, done) => this.openDialer('', kind, done),
      history: this.callHistory,
      forwardAllTarget: () => this.forwardAll,
    });
    this.snapshot = this.render();
  }

  /* ---------------------------------------------------------------- host API */

  /** Reads flash, then boots. Resolves when the first boot attempt has finished. */
  async start(): Promise<void> {
    const { settings, problem } = await loadNetworkSettings(this.board.storage, this.settings);
    this.settings = settings;
    if (problem) this.log(problem);
    this.tickClock();
    await this.boot('power-on');
  }

  /**
   * The call manager's commands (service-control NOTIFY, issue 4) and the
   * phone's own reboots: `restart` fetches the configuration again, `reset`
   * runs the whole boot from the network step.
   */
  restart(kind: 'restart' | 'reset'): Promise<void> {
    this.log(kind === 'reset' ? 'Reset requested' : 'Restart requested');
    this.calls.endAll();
    this.board.emit({ type: 'restart', kind });
    return this.boot(kind);
  }

  stop(): void {
    this.stopped = true;
    this.bootGeneration++;
    void this.lines.stop('phone stopped');
    for (const timer of this.timers) this.board.clock.clearTimeout(timer);
    this.timers.clear();
    while (this.screens.length > 0) this.screens.pop()?.dispose?.();
    this.listeners.clear();
  }

  press(key: PhoneKey | 'Handset'): void {
    if (this.stopped) return;
    if (key === 'Handset') {
      this.setHook(this.hook === 'on-hook' ? 'off-hook' : 'on-hook');
      return;
    }
    if (key === 'Offhook' || key === 'Onhook') {
      this.setHook(key === 'Offhook' ? 'off-hook' : 'on-hook');
      return;
    }
    if (this.noticeText) this.noticeText = '';
    if (this.handleHardKey(key)) return;
    const top = this.screens[this.screens.length - 1];
    if (top && top.onKey(key)) {
      this.refresh();
      return;
    }
    if (this.state === 'idle') this.handleIdleKey(key);
    this.refresh();
  }

  /**
   * Presses a control by the name a person or script writes (`softkey-1`,
   * `5`, `services`, `handset`, `Key:Soft1`); false when there is none.
   */
  pressControl(name: string): boolean {
    const key = keyFromControlName(name);
    if (key === null) return false;
    this.press(key);
    return true;
  }

  /** Escape on a keyboard: the Exit, Back or Cancel softkey, whichever the screen shows. */
  back(): void {
    const top = this.screens[this.screens.length - 1];
    if (top) {
      top.back();
      this.refresh();
    }
  }

  getSnapshot(): PhoneSnapshot {
    return this.snapshot;
  }

  getNetworkSettings(): NetworkSettings {
    return this.settings;
  }

  /** The configuration in use (from TFTP or flash), or null before the first good one. */
  getConfig(): DeviceConfig | null {
    return this.config;
  }

  getStatusMessages(): readonly { at: number; text: string }[] {
    return this.statusLog.all();
  }

  /**
   * A pushed CiscoIPPhoneExecute (`POST /CGI/Execute`): runs its items and
   * answers the ResponseItems, or throws PhoneObjectError when the XML is not
   * an Execute object of at most three items (CiscoIPPhoneError 1).
   */
  async execute(xml: string): Promise<ExecuteResult[]> {
    const object = parsePhoneObject(xml);
    if (object.type !== 'Execute') throw new PhoneObjectError('unsupported', 'Not a CiscoIPPhoneExecute');
    if (countExecuteItems(xml) > 3) throw new PhoneObjectError('parse', 'More than 3 ExecuteItems');
    const results = await this.services.execute(object.items);
    this.refresh();
    return results;
  }

  /** Fields of the phone's `/DeviceInformationX` page, in the order a 7960 lists them. */
  deviceInformation(): readonly (readonly [string, string])[] {
    return deviceInformation(this.facts());
  }

  /** Fields of `/NetworkConfigurationX`. */
  networkConfiguration(): readonly (readonly [string, string])[] {
    return networkConfiguration(this.facts());
  }

  private facts(): PhoneFacts {
    return {
      settings: this.settings,
      config: this.config,
      configFile: this.configSource === null ? '' : this.configSource === 'flash' ? 'flash' : this.configSource.file,
      callManagerState: (url) => this.lines.callManagerState(url),
      statistics: this.statistics,
    };
  }

  /** Opens a service URL as the Services key would (line buttons with featureID 20, tests). */
  openService(url: string): Promise<void> {
    return this.services.open('services', url);
  }

  subscribe(listener: (snapshot: PhoneSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /* ---------------------------------------------------------------- boot */

  private async boot(reason: 'power-on' | 'restart' | 'reset' | 'retry' | 'network-change'): Promise<void> {
    const generation = ++this.bootGeneration;
    const background = reason === 'retry' && this.config !== null;
    this.cancelTimer(this.retryTimer);
    this.retryTimer = null;
    this.statistics.boots++;
    if (!background) {
      this.closeAllScreens();
      this.setState('booting');
    }
    if (reason !== 'retry' && reason !== 'power-on') await this.lines.stop(reason);
    if (generation !== this.bootGeneration) return;
    const settings = this.settings;
    if (reason !== 'restart') {
      this.step(`Configuring IP`);
      this.log(`Network configuration: MAC ${settings.mac}, TFTP ${settings.tftpServers.map(tftpServerKey).join(', ') || 'none'}`);
    }
    let outcome;
    try {
      outcome = await fetchDeviceConfiguration(this.board, settings.mac, settings.tftpServers, this.options.tftpPolicy, {
        step: (text) => this.step(text),
        cancelled: () => generation !== this.bootGeneration || this.stopped,
        transfer: (server, file, result, attempt) => {
          this.statistics.tftpRequests++;
          const bytes = result.outcome === 'ok' ? result.data.length : 0;
          if (result.outcome === 'ok') this.statistics.tftpOk++;
          else if (result.outcome === 'not-found') this.statistics.tftpNotFound++;
          else if (result.outcome === 'timeout') this.statistics.tftpTimeouts++;
          else this.statistics.tftpErrors++;
          const where = tftpServerKey(server);
          this.board.emit({ type: 'tftp', server: where, file, outcome: result.outcome, bytes, attempt });
          const text = result.outcome === 'ok' ? `${file} ${bytes} bytes from ${where}`
            : result.outcome === 'not-found' ? `File not found ${file} on ${where}`
            : result.outcome === 'timeout' ? `TFTP Timeout ${file} on ${where}`
            : `TFTP Error ${result.code} ${file} on ${where}`;
          this.log(text);
        },
      });
    } catch (error) {
      if (error instanceof BootCancelled) return;
      throw error;
    }
    if (generation !== this.bootGeneration || this.stopped) return;

    if (outcome.ok) {
      this.retryCount = 0;
      this.errorText = '';
      this.applyConfig(outcome.config, outcome.source);
      await this.board.storage.save(FLASH_CONFIG_KEY, JSON.stringify({
        file: outcome.source.file,
        server: tftpServerKey(outcome.source.server),
        xml: decodeXmlBytes(outcome.text),
      }));
      if (generation !== this.bootGeneration) return;
      this.finishBoot();
      return;
    }

    this.errorText = outcome.message;
    this.log(outcome.message);
    this.board.emit({ type: 'error', message: outcome.message, reason: outcome.reason });
    if (this.config === null) {
      const flash = await this.loadFlashConfig();
      if (generation !== this.bootGeneration) return;
      if (flash) {
        this.log('Using the configuration kept in flash');
        this.applyConfig(flash, 'flash');
      }
    }
    this.scheduleRetry();
    if (this.config !== null) this.finishBoot();
    else this.setState('error');
  }

  private applyConfig(config: DeviceConfig, source: ConfigSource | 'flash'): void {
    this.config = config;
    this.configSource = source;
    const where = source === 'flash' ? { server: 'flash', file: FLASH_CONFIG_KEY }
      : { server: tftpServerKey(source.server), file: source.file };
    this.log(`Configuration ${where.file} from ${where.server} (version ${config.versionStamp || 'none'})`);
    this.board.emit({
      type: 'config',
      source: where,
      kind: config.kind,
      protocol: config.protocol,
      versionStamp: config.versionStamp,
      lines: config.buttons.map(describeButton),
      callManagers: config.callManagers.map((manager) => ({ ...manager })),
    });
  }

  /** Configuration in hand: the call-manager list, then every line registers. */
  private finishBoot(): void {
    this.step('Configuring CM List');
    this.statusText = this.errorText;
    this.setState('idle');
    const config = this.config;
    if (config && !this.stopped) {
      if (!this.errorText && this.board.openWebSocket && config.buttons.some((button) => button.kind === 'line')) this.statusText = 'Registering';
      void this.lines.start(config, this.settings.mac).then(() => this.refresh());
    }
  }

  /* ---------------------------------------------------------------- SIP lines */

  private lineChanged(registration: LineRegistration, primary: boolean): void {
    if (primary) {
      if (registration.state === 'registered') {
        if (this.statusText === 'Registering' || this.statusText.startsWith('Registration Rejected')) this.statusText = this.errorText;
      } else if (registration.state === 'rejected') {
        this.statusText = `Registration Rejected: ${registration.reason}`;
      } else if (registration.state === 'connecting' && !this.errorText) {
        this.statusText = 'Registering';
      }
    }
    this.refresh();
  }

  /** Registration state of each line, for tests and the lab view. */
  getRegistrations(): readonly { dn: string; state: string; registrar: string; reason: string }[] {
    return this.lines.all().map((line) => ({ dn: line.line.dn, state: line.state, registrar: line.registrar, reason: line.reason }));
  }

  private async loadFlashConfig(): Promise<DeviceConfig | null> {
    try {
      const raw = await this.board.storage.load(FLASH_CONFIG_KEY);
      if (raw === null) return null;
      const saved = JSON.parse(raw) as { xml?: unknown };
      return typeof saved.xml === 'string' ? parseDeviceConfig(encodeUtf8(saved.xml)) : null;
    } catch (error) {
      this.log(`Flash configuration unusable: ${(error as Error).message}`);
      return null;
    }
  }

  private scheduleRetry(): void {
    const delays = this.options.retryDelaysMs;
    const delay = delays[Math.min(this.retryCount, delays.length - 1)] ?? 60_000;
    this.retryCount++;
    this.retryAt = this.board.clock.now() + delay;
    this.log(`Retrying in ${Math.round(delay / 1000)} s`);
    this.retryTimer = this.schedule(() => {
      this.retryTimer = null;
      void this.boot('retry');
    }, delay);
  }

  /* ---------------------------------------------------------------- keys */

  /** Keys that work whatever the screen shows. */
  private handleHardKey(key: PhoneKey): boolean {
    switch (key) {
      case 'Settings':
        if (this.screens.some((screen) => screen.app === 'settings')) this.closeApp('settings');
        else this.openScreen(openSettings(this.screenHost, this.settingsModel()));
        return true;
      case 'Services':
        this.toggleApp('services');
        return true;
      case 'Directories':
        this.toggleApp('directories');
        return true;
      case 'Messages':
        this.toggleApp('messages');
        return true;
      case 'Info':
        this.toggleApp('info');
        return true;
      case 'VolUp':
      case 'VolDwn':
        this.audio = { ...this.audio, volume: Math.max(0, Math.min(15, this.audio.volume + (key === 'VolUp' ? 1 : -1))) };
        this.flash(`Volume ${'|'.repeat(this.audio.volume)}${'.'.repeat(15 - this.audio.volume)}`, 2000);
        return true;
      case 'Speaker':
        this.audio = { ...this.audio, speaker: !this.audio.speaker, headset: false };
        this.audioPathChanged();
        return true;
      case 'Headset':
        this.audio = { ...this.audio, headset: !this.audio.headset, speaker: false };
        this.audioPathChanged();
        return true;
      case 'Mute':
        this.audio = { ...this.audio, mute: !this.audio.mute };
        this.refresh();
        return true;
      default:
        return false;
    }
  }

  private handleIdleKey(key: PhoneKey): void {
    const digit = dialCharOf(key);
    if (digit !== null) {
      this.openDialer(digit);
      return;
    }
    const softkey = softkeyIndexOf(key);
    if (softkey !== null) {
      const label = IDLE_SOFTKEY_PAGES[this.idleSoftkeyPage]?.[softkey] ?? '';
      if (label === 'more') this.idleSoftkeyPage = (this.idleSoftkeyPage + 1) % IDLE_SOFTKEY_PAGES.length;
      else if (label === 'NewCall') this.openDialer('');
      else if (label === 'Redial') this.dial(this.redialNumber);
      else if (label === 'CFwdAll') this.toggleForwardAll();
      else if (label !== '') this.flash(`${label} not available`);
      return;
    }
    const lineIndex = lineIndexOf(key);
    if (lineIndex !== null) {
      const button = this.buttonAt(lineIndex + 1);
      if (button?.kind === 'line') this.openDialer('');
      else if (button?.kind === 'speed-dial') this.dial(button.number);
      else if (button?.kind === 'service') void this.services.open('services', button.url);
      else if (button) this.flash(`${button.label || 'Feature'} not available`);
    }
  }

  private setHook(hook: 'on-hook' | 'off-hook'): void {
    if (this.hook === hook) return;
    this.hook = hook;
    this.audioPathChanged();
  }

  /**
   * Lifting the handset (or Speaker/Headset): answers a ringing call, or at
   * idle opens the dialler. The last audio path going down ends the current
   * call or closes the dialler.
   */
  private audioPathChanged(): void {
    const open = this.hook === 'off-hook' || this.audio.speaker || this.audio.headset;
    const dialing = this.screens.some((screen) => screen.app === 'dial');
    if (this.calls.hasCalls()) {
      if (open) this.calls.hook(true);
      else if (dialing) this.closeApp('dial');
      else this.calls.hook(false);
    } else if (open && !dialing && this.state === 'idle') {
      this.openDialer('');
    } else if (!open && dialing) {
      this.closeApp('dial');
    }
    this.refresh();
  }

  /**
   * The dialler: for a new call, or for the number of a transfer, a
   * conference or Call Forward All (`done` gets the number).
   */
  private openDialer(firstDigits: string, purpose: 'call' | 'transfer' | 'conference' | 'forward' = 'call', done?: (number: string) => void): void {
    if (this.screens.some((screen) => screen.app === 'dial')) return;
    const line = this.config ? primaryLine(this.config) : undefined;
    const title = purpose === 'transfer' ? 'Transfer to' : purpose === 'conference' ? 'Conference with'
      : purpose === 'forward' ? 'Forward all calls to' : line?.label ?? '';
    const onDial = (number: string): void => {
      if (done) {
        this.closeApp('dial');
        if (number) done(number);
      } else {
        this.dial(number);
      }
    };
    this.openScreen(new DialScreen(this.screenHost, title, onDial, () => {
      if (this.calls.hasCalls()) return;
      this.hook = 'on-hook';
      this.audio = { ...this.audio, speaker: false, headset: false };
      this.refresh();
    }, firstDigits, this.options.interDigitTimeoutMs));
  }

  private toggleForwardAll(): void {
    if (this.forwardAll) {
      this.log(`Call Forward All to ${this.forwardAll} off`);
      this.forwardAll = '';
      this.flash('Forwarding off');
      return;
    }
    this.openDialer('', 'forward', (number) => {
      this.forwardAll = number;
      this.log(`Call Forward All to ${number}`);
      this.board.emit({ type: 'forward', target: number });
      this.refresh();
    });
  }

  private editDial(number: string): void {
    this.closeApp('dial');
    this.openDialer(number);
  }

  /* ---------------------------------------------------------------- applications */

  private toggleApp(app: 'services' | 'directories' | 'messages' | 'info'): void {
    if (this.screens.some((screen) => screen.app === app)) this.closeApp(app);
    else void this.openApp(app);
  }

  /** The hard keys' applications and the Init: URIs (cisco-reference.md §2.2, §3.2). */
  private async openApp(app: 'services' | 'directories' | 'messages' | 'info' | 'callhistory'): Promise<void> {
    const urls = this.config?.urls;
    switch (app) {
      case 'services':
        if (urls?.services) await this.services.open('services', urls.services);
        else this.notice('No services configured');
        return;
      case 'messages':
        if (urls?.messages) await this.services.open('messages', urls.messages);
        else {
          const voicemail = this.config ? primaryLine(this.config)?.messagesNumber : undefined;
          if (voicemail) this.dial(voicemail);
          else this.notice('No voicemail number');
        }
        return;
      case 'info':
        if (urls?.information) await this.services.open('info', urls.information);
        else this.services.show('info', { type: 'Text', title: 'Help', prompt: '', softKeys: [], text: LOCAL_HELP });
        return;
      case 'callhistory':
        this.showCallHistory('missed');
        return;
      case 'directories':
        await this.openDirectories();
        return;
    }
  }

  private async openDirectories(): Promise<void> {
    const items = [
      { name: 'Missed Calls', url: 'Application:Cisco/MissedCalls' },
      { name: 'Received Calls', url: 'Application:Cisco/ReceivedCalls' },
      { name: 'Placed Calls', url: 'Application:Cisco/PlacedCalls' },
    ];
    const directoryUrl = this.config?.urls.directory;
    if (directoryUrl) {
      const answer = await this.services.client.get(directoryUrl);
      if (answer.ok && answer.object.type === 'Menu') items.push(...answer.object.items);
      else if (answer.ok) items.push({ name: 'Corporate Directory', url: directoryUrl });
      else this.notice(answer.message);
    }
    this.services.show('directories', { type: 'Menu', title: 'Directory', prompt: 'Select a directory', softKeys: [], items });
  }

  /** The phone's own call lists, shown as Directory objects. */
  showCallHistory(list: 'missed' | 'received' | 'placed'): void {
    const title = list === 'missed' ? 'Missed Calls' : list === 'received' ? 'Received Calls' : 'Placed Calls';
    this.services.show('directories', { type: 'Directory', title, prompt: `${this.callHistory[list].length} records`, softKeys: [], entries: [...this.callHistory[list]].reverse().slice(0, 32) });
  }

  private notice(text: string): void {
    this.noticeText = text;
    this.refresh();
  }

  private setAppStatus(text: string, seconds: number): void {
    this.appStatus = text;
    this.cancelTimer(this.appStatusTimer);
    this.appStatusTimer = null;
    if (text && seconds > 0) {
      this.appStatusTimer = this.schedule(() => {
        this.appStatus = '';
        this.appStatusTimer = null;
        this.refresh();
      }, seconds * 1000);
    }
    this.refresh();
  }

  /** Places a call on the primary line (Dial, Redial, a speed dial, a Directory's Dial, Dial: URIs). */
  private dial(number: string): void {
    if (number === '') {
      this.flash('No number to redial');
      return;
    }
    this.redialNumber = number;
    this.closeApp('dial');
    this.calls.placeCall(number);
  }

  /* ---------------------------------------------------------------- screens */

  private get screenHost(): ScreenHost {
    return {
      clock: this.board.clock,
      refresh: () => this.refresh(),
      push: (screen) => this.openScreen(screen),
      close: (screen) => this.closeScreen(screen),
      replace: (current, next) => this.replaceScreen(current, next),
      closeApp: (app) => this.closeApp(app),
      flash: (text, ms) => this.flash(text, ms),
    };
  }

  private openScreen(screen: Screen): void {
    this.screens.push(screen);
    this.refresh();
  }

  private closeScreen(screen: Screen): void {
    const index = this.screens.indexOf(screen);
    if (index < 0) return;
    for (const removed of this.screens.splice(index)) removed.dispose?.();
    this.afterScreensClosed();
  }

  private replaceScreen(current: Screen, next: Screen): void {
    const index = this.screens.indexOf(current);
    if (index < 0) {
      this.openScreen(next);
      return;
    }
    this.screens[index] = next;
    current.dispose?.();
    this.refresh();
  }

  private closeApp(app: string): void {
    const index = this.screens.findIndex((screen) => screen.app === app);
    if (index < 0) return;
    for (const removed of this.screens.splice(index)) removed.dispose?.();
    this.afterScreensClosed();
  }

  private closeAllScreens(): void {
    for (const removed of this.screens.splice(0)) removed.dispose?.();
  }

  /** New network settings take effect when the person leaves Settings: the phone resets. */
  private afterScreensClosed(): void {
    if (this.networkChanged && !this.screens.some((screen) => screen.app === 'settings')) {
      this.networkChanged = false;
      this.config = null;
      this.log('Network configuration changed: resetting');
      void this.boot('network-change');
      return;
    }
    const top = this.screens[this.screens.length - 1];
    if (top instanceof ServiceScreen && top.url && top.expiresAt !== undefined && top.expiresAt <= this.board.clock.now()) {
      void this.services.reload(top);
    }
    this.refresh();
  }

  private settingsModel(): SettingsModel {
    return {
      network: () => this.settings,
      saveNetwork: async (next) => {
        await saveNetworkSettings(this.board.storage, next);
        this.settings = next;
        this.networkChanged = true;
        this.log('Network configuration saved');
      },
      callManagers: () => callManagerRows(this.facts()),
      model: () => modelInformation(this.facts()),
      networkStatistics: () => networkStatistics(this.statistics),
      statusMessages: () => this.statusLog.all(),
      timeZone: () => this.config?.timeZone ?? '',
      contrast: () => this.contrast,
      setContrast: (level) => {
        this.contrast = Math.max(1, Math.min(CONTRAST_LEVELS, level));
        this.refresh();
      },
      ringTypes: () => RING_TYPES,
      ringType: () => this.ringType,
      setRingType: (name) => {
        this.ringType = name;
      },
    };
  }

  /* ---------------------------------------------------------------- output */

  private step(text: string): void {
    this.statusText = text;
    this.log(text);
    this.refresh();
  }

  private log(text: string): void {
    this.statusLog.add(this.board.clock.now(), text);
  }

  private setState(state: PhoneState): void {
    if (this.state !== state) {
      this.state = state;
      this.board.emit({ type: 'state', state });
    }
    this.refresh();
  }

  private flash(text: string, ms = 3000): void {
    this.flashText = text;
    this.cancelTimer(this.flashTimer);
    this.flashTimer = this.schedule(() => {
      this.flashText = '';
      this.flashTimer = null;
      this.refresh();
    }, ms);
    this.refresh();
  }

  private tickClock(): void {
    this.refresh();
    this.schedule(() => this.tickClock(), 1000);
  }

  private schedule(callback: () => void, ms: number): TimerHandle {
    const handle = this.board.clock.setTimeout(() => {
      this.timers.delete(handle);
      if (!this.stopped) callback();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  private cancelTimer(handle: TimerHandle | null): void {
    if (handle === null) return;
    this.board.clock.clearTimeout(handle);
    this.timers.delete(handle);
  }

  private buttonAt(button: number): ButtonConfig | undefined {
    return this.config?.buttons.find((entry) => entry.button === button);
  }

  private refresh(): void {
    const next = this.render();
    if (JSON.stringify(next) === JSON.stringify(this.snapshot)) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener(next);
  }

  private render(): PhoneSnapshot {
    const config = this.config;
    const primary = config ? primaryLine(config) : undefined;
    const top = this.screens[this.screens.length - 1];
    const view = top?.view();
    const now = this.board.clock.now();

    let title = '';
    let rows: readonly LcdRow[] = [];
    let softkeys: readonly [string, string, string, string] = ['', '', '', ''];
    let prompt = this.statusText;
    if (view) {
      title = view.title;
      rows = view.rows;
      softkeys = view.softkeys;
      if (view.prompt !== undefined) prompt = view.prompt;
    } else if (this.state === 'booting') {
      rows = [{ text: 'CISCO SYSTEMS' }, { text: this.statusText }];
    } else if (this.state === 'error') {
      const seconds = Math.max(0, Math.ceil((this.retryAt - now) / 1000));
      rows = [{ text: this.errorText }, { text: `Retrying in ${seconds} s` }];
      prompt = this.errorText;
    } else {
      softkeys = IDLE_SOFTKEY_PAGES[this.idleSoftkeyPage] ?? ['', '', '', ''];
      rows = this.configSource === 'flash' ? [{ text: 'Using flash configuration' }] : [];
      if (this.forwardAll && !this.statusText) prompt = `Forwarded to ${this.forwardAll}`;
    }
    if (this.appStatus) prompt = this.appStatus;
    if (this.noticeText) prompt = this.noticeText;
    if (this.flashText) prompt = this.flashText;

    const lines = [1, 2, 3, 4, 5, 6].map((button): LineButtonView => {
      const entry = this.buttonAt(button);
      if (!entry) return BLANK_LINE;
      if (entry.kind === 'line') {
        const registered = this.lines.all().find((line) => line.line.button === entry.button)?.state === 'registered';
        const onLine = this.calls.list().filter((call) => call.lineDn === entry.dn);
        if (onLine.some((call) => call.state === 'ringing')) return { label: entry.label, kind: 'line', icon: 'line-ringing', lamp: 'amber-flash' };
        if (onLine.some((call) => call.state === 'connected' || call.state === 'proceeding' || call.state === 'ringback')) {
          return { label: entry.label, kind: 'line', icon: 'line-connected', lamp: 'green' };
        }
        if (onLine.some((call) => call.state === 'held')) return { label: entry.label, kind: 'line', icon: 'line-hold', lamp: 'green-flash' };
        return { label: entry.label, kind: 'line', icon: registered ? 'line-idle' : 'line-unregistered', lamp: 'off' };
      }
      if (entry.kind === 'speed-dial') return { label: entry.label, kind: 'speed-dial', icon: 'speed-dial', lamp: 'off' };
      if (entry.kind === 'service') return { label: entry.label, kind: 'service', icon: 'service', lamp: 'off' };
      return { label: entry.label, kind: 'feature', icon: 'none', lamp: 'off' };
    }) as unknown as PhoneSnapshot['lines'];

    const selectedIndex = rows.findIndex((row) => row.selected);
    return {
      state: this.state,
      screen: top?.app ?? (this.state === 'idle' ? 'idle' : this.state),
      header: {
        clock: formatHeaderClock(now, config?.dateTemplate ?? 'M/D/Y', config?.timeZone ?? ''),
        label: config ? (config.phoneLabel || primary?.dn || '') : '',
      },
      body: { title, rows, scrollTop: Math.max(0, selectedIndex - (VISIBLE_ROWS - 1)), ...(view?.image ? { image: view.image } : {}) },
      prompt,
      softkeys,
      lines,
      hook: this.hook,
      audio: { ...this.audio },
      handsetLamp: this.calls.ringing() ? 'red-flash' : 'off',
      tone: callTone(this.calls.list()),
      conference: this.calls.list().filter((call) => call.conference && call.state === 'connected').length >= 2,
      contrast: this.contrast,
      deviceName: deviceNameOf(this.settings.mac),
    };
  }
}

const LOCAL_HELP = [
  'Services: XML services',
  'Directories: call lists and the corporate directory',
  'Messages: voicemail',
  'Settings: contrast, ring, network, model, status',
  'Lift the handset or press a line to dial.',
].join('\n');

/** Body rows the 7960's LCD shows at once; longer lists scroll. */
export const VISIBLE_ROWS = 9;

function describeButton(button: ButtonConfig): Record<string, unknown> {
  switch (button.kind) {
    case 'line':
      return { button: button.button, kind: 'line', dn: button.dn, label: button.label, displayName: button.displayName };
    case 'speed-dial':
      return { button: button.button, kind: 'speed-dial', number: button.number, label: button.label };
    case 'service':
      return { button: button.button, kind: 'service', url: button.url, label: button.label };
    default:
      return { button: button.button, kind: 'feature', featureId: button.featureId, label: button.label };
  }
}
