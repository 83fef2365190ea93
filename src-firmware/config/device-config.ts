import {
  XmlParseError, childElements, descend, firstChild, parseXml, textAt, type XmlElement,
} from '../xml/xml-parser';
import { decodeXmlBytes } from '../xml/text-decoding';

/**
 * The phone's view of `SEP<MAC>.cnf.xml` (and `XMLDefault.cnf.xml`), read
 * with the element names Cisco's call managers write (cisco-reference.md §2).
 *
 * Emulator extension, documented in src-lab/README.md: a call manager that
 * accepts SIP over WebSocket (RFC 7118) says so with
 * `callManager/ports/sipWebSocketPort` and optionally
 * `callManager/sipWebSocketPath`; the phone then connects to
 * `ws://{processNodeName}:{sipWebSocketPort}{sipWebSocketPath}`.
 */

export interface CallManagerConfig {
  /** 0 = tried first (member@priority). */
  readonly priority: number;
  readonly host: string;
  readonly sipPort: number;
  /** Where to open SIP over WebSocket; undefined when the file names no WebSocket port. */
  readonly webSocketUrl?: string;
}

export interface LineKeyConfig {
  readonly kind: 'line';
  readonly button: number;
  readonly lineIndex: number;
  readonly label: string;
  /** Directory number: the registration user. */
  readonly dn: string;
  readonly displayName: string;
  readonly authName: string;
  readonly authPassword: string;
  readonly proxy: string;
  readonly port: number;
  readonly messagesNumber: string;
  readonly maxNumCalls: number;
}

export interface SpeedDialKeyConfig {
  readonly kind: 'speed-dial';
  readonly button: number;
  readonly label: string;
  readonly number: string;
}

export interface ServiceKeyConfig {
  readonly kind: 'service';
  readonly button: number;
  readonly label: string;
  readonly url: string;
}

/** Any other featureID (Hold, Transfer, …): shown with its label, not yet acted on. */
export interface FeatureKeyConfig {
  readonly kind: 'feature';
  readonly button: number;
  readonly label: string;
  readonly featureId: number;
}

export type ButtonConfig = LineKeyConfig | SpeedDialKeyConfig | ServiceKeyConfig | FeatureKeyConfig;

export interface ServiceUrls {
  readonly services: string;
  readonly directory: string;
  readonly authentication: string;
  readonly information: string;
  readonly messages: string;
  readonly idle: string;
  readonly proxyServer: string;
}

export interface DeviceConfig {
  /** `device` for SEP<MAC>.cnf.xml, `default` for XMLDefault.cnf.xml. */
  readonly kind: 'device' | 'default';
  readonly protocol: 'SIP' | 'SCCP';
  readonly dateTemplate: string;
  readonly timeZone: string;
  readonly callManagers: readonly CallManagerConfig[];
  readonly phoneLabel: string;
  /** Buttons 1–6 that the file defines, by button number. */
  readonly buttons: readonly ButtonConfig[];
  readonly loadInformation: string;
  readonly versionStamp: string;
  readonly userLocale: string;
  readonly networkLocale: string;
  readonly urls: ServiceUrls;
  readonly idleTimeout: number;
  /** sipStack/timerRegisterExpires, seconds. */
  readonly registerExpires: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Largest cnf.xml the phone reads. */
export const MAX_CONFIG_BYTES = 256 * 1024;

const FEATURE_LINE = 9;
const FEATURE_SPEED_DIAL = 2;
const FEATURE_SERVICE_URI = 20;

export function parseDeviceConfig(bytes: Uint8Array): DeviceConfig {
  if (bytes.length > MAX_CONFIG_BYTES) throw new ConfigError(`file larger than ${MAX_CONFIG_BYTES} bytes`);
  let root: XmlElement;
  try {
    root = parseXml(decodeXmlBytes(bytes), { maxLength: MAX_CONFIG_BYTES, maxDepth: 24, maxElements: 5000 });
  } catch (error) {
    if (error instanceof XmlParseError) throw new ConfigError(error.message);
    throw error;
  }
  const rootName = root.name.toLowerCase();
  if (rootName !== 'device' && rootName !== 'default') {
    throw new ConfigError(`root element <${root.name}> is neither <device> nor <Default>`);
  }
  const kind = rootName === 'device' ? 'device' : 'default';
  const devicePool = firstChild(root, 'devicePool');
  const groupHolder = firstChild(devicePool, 'callManagerGroup') ? devicePool : root;
  const protocolText = (textAt(root, 'deviceProtocol') ?? '').toUpperCase();
  const sipProfile = firstChild(root, 'sipProfile');
  const protocol = protocolText === 'SIP' || (protocolText === '' && sipProfile) ? 'SIP' : 'SCCP';

  return {
    kind,
    protocol,
    dateTemplate: textAt(devicePool, 'dateTimeSetting', 'dateTemplate') || 'M/D/Y',
    timeZone: textAt(devicePool, 'dateTimeSetting', 'timeZone') ?? '',
    callManagers: readCallManagers(groupHolder),
    phoneLabel: (textAt(sipProfile, 'phoneLabel') ?? '').slice(0, 13),
    buttons: readButtons(sipProfile),
    loadInformation: readLoadInformation(root),
    versionStamp: textAt(root, 'versionStamp') ?? '',
    userLocale: textAt(root, 'userLocale', 'name') ?? '',
    networkLocale: textAt(root, 'networkLocale') ?? '',
    urls: {
      services: textAt(root, 'servicesURL') ?? '',
      directory: textAt(root, 'directoryURL') ?? '',
      authentication: textAt(root, 'authenticationURL') ?? '',
      information: textAt(root, 'informationURL') ?? '',
      messages: textAt(root, 'messagesURL') ?? '',
      idle: textAt(root, 'idleURL') ?? '',
      proxyServer: textAt(root, 'proxyServerURL') ?? '',
    },
    idleTimeout: readInt(textAt(root, 'idleTimeout'), 0),
    registerExpires: readInt(textAt(sipProfile, 'sipStack', 'timerRegisterExpires'), 3600),
  };
}

function readInt(text: string | undefined, fallback: number): number {
  if (text === undefined || !/^-?\d+$/.test(text)) return fallback;
  return Number(text);
}

function readCallManagers(holder: XmlElement | undefined): CallManagerConfig[] {
  const members = descend(holder, 'callManagerGroup', 'members');
  if (!members) return [];
  const result: CallManagerConfig[] = [];
  for (const member of childElements(members, 'member')) {
    const callManager = firstChild(member, 'callManager');
    const host = textAt(callManager, 'processNodeName') ?? '';
    if (!host) continue;
    const sipPort = readInt(textAt(callManager, 'ports', 'sipPort'), 5060);
    const wsPortText = textAt(callManager, 'ports', 'sipWebSocketPort');
    const wsPath = textAt(callManager, 'sipWebSocketPath') || '/';
    const webSocketUrl = wsPortText && /^\d+$/.test(wsPortText)
      ? `ws://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${wsPortText}${wsPath.startsWith('/') ? wsPath : `/${wsPath}`}`
      : undefined;
    result.push({
      priority: readInt(member.attributes.priority, result.length),
      host,
      sipPort,
      ...(webSocketUrl ? { webSocketUrl } : {}),
    });
  }
  return result.sort((a, b) => a.priority - b.priority);
}

function readButtons(sipProfile: XmlElement | undefined): ButtonConfig[] {
  const lines = firstChild(sipProfile, 'sipLines');
  if (!lines) return [];
  const buttons: ButtonConfig[] = [];
  const taken = new Set<number>();
  let primary: LineKeyConfig | undefined;
  for (const line of childElements(lines, 'line')) {
    const button = readInt(line.attributes.button, buttons.length + 1);
    if (button < 1 || button > 6 || taken.has(button)) continue;
    const featureId = readInt(textAt(line, 'featureID'), FEATURE_LINE);
    const label = textAt(line, 'featureLabel') ?? '';
    if (featureId === FEATURE_LINE) {
      const dn = textAt(line, 'name') ?? '';
      if (!dn) continue;
      const config: LineKeyConfig = {
        kind: 'line',
        button,
        lineIndex: readInt(line.attributes.lineIndex, button),
        label: label || dn,
        dn,
        displayName: textAt(line, 'displayName') ?? '',
        // Secondary lines without credentials reuse the primary line's (cisco-reference.md §2.2).
        authName: textAt(line, 'authName') || primary?.authName || dn,
        authPassword: textAt(line, 'authPassword') ?? primary?.authPassword ?? '',
        proxy: textAt(line, 'proxy') || 'USECALLMANAGER',
        port: readInt(textAt(line, 'port'), 5060),
        messagesNumber: textAt(line, 'messagesNumber') ?? '',
        maxNumCalls: readInt(textAt(line, 'maxNumCalls'), 2),
      };
      primary ??= config;
      buttons.push(config);
    } else if (featureId === FEATURE_SPEED_DIAL) {
      const number = textAt(line, 'speedDialNumber') ?? '';
      buttons.push({ kind: 'speed-dial', button, label: label || number, number });
    } else if (featureId === FEATURE_SERVICE_URI) {
      buttons.push({ kind: 'service', button, label, url: textAt(line, 'serviceURI') ?? '' });
    } else {
      buttons.push({ kind: 'feature', button, label, featureId });
    }
    taken.add(button);
  }
  return buttons.sort((a, b) => a.button - b.button);
}

/** `loadInformation`, or XMLDefault's per-model `loadInformation7 model="Cisco 7960"`. */
function readLoadInformation(root: XmlElement): string {
  const direct = textAt(root, 'loadInformation');
  if (direct) return direct;
  for (const child of childElements(root)) {
    if (/^loadInformation\d+$/.test(child.name) && /7960/.test(child.attributes.model ?? '')) {
      return textAt(root, child.name) ?? '';
    }
  }
  return '';
}

/** The primary line: the one on the lowest button. */
export function primaryLine(config: DeviceConfig): LineKeyConfig | undefined {
  return config.buttons.find((button): button is LineKeyConfig => button.kind === 'line');
}
