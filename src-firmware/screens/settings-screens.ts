import { formatTimeOfDay } from '../clock-format';
import { softkeyIndexOf, type PhoneKey } from '../keys';
import {
  InvalidSettingError, deviceNameOf, formatTftpServer, parseHttpPort, parseMac, parseTftpServer,
  type NetworkSettings,
} from '../network-settings';
import type { StatusMessage } from '../status-log';
import { ADDRESS_KEYS, DIGIT_KEYS, HEX_KEYS } from '../text-entry/multi-tap';
import { EditFieldScreen } from './edit-field-screen';
import { MenuScreen, type MenuItem } from './menu-screen';
import type { Screen, ScreenHost, ScreenView } from './screen';

/** What the Settings application reads and changes on the phone. */
export interface SettingsModel {
  network(): NetworkSettings;
  /** Persists new network settings; the phone applies them when Settings closes. */
  saveNetwork(next: NetworkSettings): Promise<void>;
  /** CallManager 1–5: `host state` ('Active', 'Standby'), '' where the config lists none. */
  callManagers(): readonly string[];
  model(): readonly (readonly [string, string])[];
  networkStatistics(): readonly (readonly [string, string])[];
  statusMessages(): readonly StatusMessage[];
  timeZone(): string;
  contrast(): number;
  setContrast(level: number): void;
  ringTypes(): readonly string[];
  ringType(): string;
  setRingType(name: string): void;
}

const APP = 'settings';
export const CONTRAST_LEVELS = 15;

/** Settings: the 7960's numbered menu (cisco-reference.md §7.3). */
export function openSettings(host: ScreenHost, model: SettingsModel): Screen {
  const open = (screen: Screen): void => host.push(screen);
  const items: MenuItem[] = [
    { label: 'Contrast', select: () => open(new ContrastScreen(host, model)) },
    { label: 'Ring Type', select: () => open(ringTypeMenu(host, model)) },
    { label: 'Network Configuration', select: () => open(networkConfigurationMenu(host, model)) },
    { label: 'Model Information', select: () => open(modelInformationMenu(host, model)) },
    { label: 'Status', select: () => open(statusMenu(host, model)) },
  ];
  return new MenuScreen(host, { app: APP, title: 'Settings', items: () => items });
}

function ringTypeMenu(host: ScreenHost, model: SettingsModel): Screen {
  const items = (): MenuItem[] =>
    model.ringTypes().map((name) => ({
      label: name,
      value: () => (name === model.ringType() ? '*' : ''),
      select: () => {
        model.setRingType(name);
        host.refresh();
      },
    }));
  return new MenuScreen(host, { app: APP, title: 'Ring Type', items });
}

function networkConfigurationMenu(host: ScreenHost, model: SettingsModel): Screen {
  const edit = (title: string, initial: string, characters: typeof DIGIT_KEYS, maxLength: number, hint: string,
    apply: (text: string, current: NetworkSettings) => NetworkSettings) => (): void => {
    host.push(new EditFieldScreen(host, {
      app: APP, title, initial, characters, maxLength, hint,
      save: async (text) => {
        try {
          await model.saveNetwork(apply(text, model.network()));
          return null;
        } catch (error) {
          if (error instanceof InvalidSettingError) return error.message;
          throw error;
        }
      },
    }));
  };
  const tftpAt = (index: number): string => {
    const server = model.network().tftpServers[index];
    return server ? formatTftpServer(server) : '';
  };
  const setTftp = (index: number) => (text: string, current: NetworkSettings): NetworkSettings => {
    const servers = [...current.tftpServers];
    if (text.trim() === '') servers.splice(index, 1);
    else servers[index] = parseTftpServer(text);
    return { ...current, tftpServers: servers.filter(Boolean), alternateTftp: true };
  };
  const items = (): MenuItem[] => {
    const managers = model.callManagers();
    return [
      {
        label: 'MAC Address',
        value: () => model.network().mac,
        edit: edit('MAC Address', model.network().mac, HEX_KEYS, 12, '2=ABC 3=DEF',
          (text, current) => ({ ...current, mac: parseMac(text) })),
      },
      { label: 'Host Name', value: () => deviceNameOf(model.network().mac) },
      {
        label: 'TFTP Server 1',
        value: () => tftpAt(0),
        edit: edit('TFTP Server 1', tftpAt(0), ADDRESS_KEYS, 45, '* = .  # = :', setTftp(0)),
      },
      {
        label: 'TFTP Server 2',
        value: () => tftpAt(1),
        edit: edit('TFTP Server 2', tftpAt(1), ADDRESS_KEYS, 45, '* = .  # = :', (text, current) => {
          if (text.trim() !== '' && current.tftpServers.length === 0) {
            throw new InvalidSettingError('tftp', 'Set TFTP Server 1 first');
          }
          return setTftp(1)(text, current);
        }),
      },
      {
        label: 'Alternate TFTP',
        value: () => (model.network().alternateTftp ? 'Yes' : 'No'),
        edit: () => {
          const current = model.network();
          void model.saveNetwork({ ...current, alternateTftp: !current.alternateTftp }).then(() => host.refresh());
        },
      },
      {
        label: 'HTTP Port',
        value: () => String(model.network().httpPort),
        edit: edit('HTTP Port', String(model.network().httpPort), DIGIT_KEYS, 5, '0 = any free port',
          (text, current) => ({ ...current, httpPort: parseHttpPort(text) })),
      },
      ...[0, 1, 2, 3, 4].map((index): MenuItem => ({
        label: `CallManager ${index + 1}`,
        value: () => managers[index] ?? '',
      })),
    ];
  };
  return new MenuScreen(host, { app: APP, title: 'Network Configuration', items, softkeys: ['Edit', 'Exit', '', ''] });
}

function readOnlyMenu(host: ScreenHost, title: string, rows: () => readonly (readonly [string, string])[]): Screen {
  return new MenuScreen(host, {
    app: APP,
    title,
    items: () => rows().map(([label, value]) => ({ label, value: () => value })),
    softkeys: ['Exit', '', '', ''],
  });
}

function modelInformationMenu(host: ScreenHost, model: SettingsModel): Screen {
  return readOnlyMenu(host, 'Model Information', () => model.model());
}

function statusMenu(host: ScreenHost, model: SettingsModel): Screen {
  const items: MenuItem[] = [
    {
      label: 'Status Messages',
      select: () => host.push(new MenuScreen(host, {
        app: APP,
        title: 'Status Messages',
        numbered: false,
        startAtEnd: true,
        items: () => model.statusMessages().map((message) => ({
          label: `${formatTimeOfDay(message.at, model.timeZone())} ${message.text}`,
        })),
        softkeys: ['Exit', '', '', ''],
      })),
    },
    { label: 'Network Statistics', select: () => host.push(readOnlyMenu(host, 'Network Statistics', () => model.networkStatistics())) },
    {
      label: 'Firmware Versions',
      select: () => host.push(readOnlyMenu(host, 'Firmware Versions',
        () => model.model().filter(([label]) => /Load|Firmware|Boot/.test(label)))),
    },
  ];
  return new MenuScreen(host, { app: APP, title: 'Status', items: () => items });
}

/** Settings › Contrast: Up/Down softkeys (or the rocker), Ok keeps, Cancel restores. */
class ContrastScreen implements Screen {
  readonly app = APP;
  private readonly original: number;

  constructor(private readonly host: ScreenHost, private readonly model: SettingsModel) {
    this.original = model.contrast();
  }

  view(): ScreenView {
    const level = this.model.contrast();
    return {
      title: 'Contrast',
      rows: [{ text: `Level ${level}` }, { text: `${'#'.repeat(level)}${'-'.repeat(CONTRAST_LEVELS - level)}` }],
      softkeys: ['Up', 'Down', 'Ok', 'Cancel'],
    };
  }

  onKey(key: PhoneKey): boolean {
    const softkey = softkeyIndexOf(key);
    if (key === 'NavUp' || softkey === 0) this.adjust(1);
    else if (key === 'NavDwn' || softkey === 1) this.adjust(-1);
    else if (softkey === 2) this.host.close(this);
    else if (softkey === 3) this.back();
    else return false;
    return true;
  }

  back(): void {
    this.model.setContrast(this.original);
    this.host.close(this);
  }

  private adjust(step: number): void {
    this.model.setContrast(Math.max(1, Math.min(CONTRAST_LEVELS, this.model.contrast() + step)));
    this.host.refresh();
  }
}
