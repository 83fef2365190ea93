import type { DeviceConfig } from './config/device-config';
import { deviceNameOf, tftpServerKey, type NetworkSettings } from './network-settings';

/**
 * What the phone says about itself, one source for Settings › Model
 * Information, Network Configuration and Network Statistics and for the web
 * pages `/DeviceInformationX` and `/NetworkConfigurationX`.
 */
export const MODEL_NUMBER = 'CP-7960G';
export const FIRMWARE_LOAD = 'P0S3-08-12-00';
export const BOOT_LOAD_ID = 'PC030301';
export const FIRMWARE_VERSION = '8.12(0) emulated';
export const HARDWARE_REVISION = '8.0';

export interface TftpStatistics {
  tftpRequests: number;
  tftpOk: number;
  tftpNotFound: number;
  tftpTimeouts: number;
  tftpErrors: number;
  boots: number;
}

export interface PhoneFacts {
  readonly settings: NetworkSettings;
  readonly config: DeviceConfig | null;
  /** Where the configuration came from: a file name, 'flash', or '' before any. */
  readonly configFile: string;
  /** 'Active' or 'Standby' for a call manager's WebSocket URL. */
  callManagerState(webSocketUrl: string | undefined): string;
  readonly statistics: TftpStatistics;
}

type Fields = readonly (readonly [string, string])[];

export function serialNumberOf(mac: string): string {
  return `INM${mac.slice(4)}`;
}

function directoryNumbers(config: DeviceConfig | null): string[] {
  return (config?.buttons ?? []).flatMap((button) => (button.kind === 'line' ? [button.dn] : []));
}

/** Settings › Model Information. */
export function modelInformation(facts: PhoneFacts): Fields {
  return [
    ['Model Number', MODEL_NUMBER],
    ['MAC Address', facts.settings.mac],
    ['Load File', facts.config?.loadInformation || FIRMWARE_LOAD],
    ['Boot Load ID', BOOT_LOAD_ID],
    ['Firmware Version', FIRMWARE_VERSION],
    ['Serial Number', serialNumberOf(facts.settings.mac)],
  ];
}

/** CallManager 1–5 as Settings and `/NetworkConfigurationX` list them: host and state, '' when not configured. */
export function callManagerRows(facts: PhoneFacts): string[] {
  const managers = facts.config?.callManagers ?? [];
  return [0, 1, 2, 3, 4].map((index) => {
    const manager = managers[index];
    return manager ? `${manager.host} ${facts.callManagerState(manager.webSocketUrl)}` : '';
  });
}

/** Settings › Status › Network Statistics. */
export function networkStatistics(statistics: TftpStatistics): Fields {
  return [
    ['TFTP Requests', String(statistics.tftpRequests)],
    ['TFTP Files Received', String(statistics.tftpOk)],
    ['TFTP Not Found', String(statistics.tftpNotFound)],
    ['TFTP Timeouts', String(statistics.tftpTimeouts)],
    ['TFTP Errors', String(statistics.tftpErrors)],
    ['Boots', String(statistics.boots)],
  ];
}

/** `/DeviceInformationX`, in the order a 7960 lists its fields. */
export function deviceInformation(facts: PhoneFacts): Fields {
  const numbers = directoryNumbers(facts.config);
  return [
    ['MACAddress', facts.settings.mac],
    ['HostName', deviceNameOf(facts.settings.mac)],
    ['phoneDN', numbers[0] ?? ''],
    ['appLoadID', facts.config?.loadInformation || FIRMWARE_LOAD],
    ['bootLoadID', BOOT_LOAD_ID],
    ['versionID', FIRMWARE_VERSION],
    ['serialNumber', serialNumberOf(facts.settings.mac)],
    ['modelNumber', MODEL_NUMBER],
    ['messageWaiting', 'No'],
    ['hardwareRevision', HARDWARE_REVISION],
    ...numbers.map((dn, index) => [`phoneDN${index + 1}`, dn] as const),
  ];
}

/** `/NetworkConfigurationX`. */
export function networkConfiguration(facts: PhoneFacts): Fields {
  const tftp = facts.settings.tftpServers;
  return [
    ['MACAddress', facts.settings.mac],
    ['HostName', deviceNameOf(facts.settings.mac)],
    ['DHCPEnabled', facts.settings.alternateTftp ? 'No' : 'Yes'],
    ['TFTPServer1', tftp[0] ? tftpServerKey(tftp[0]) : ''],
    ['TFTPServer2', tftp[1] ? tftpServerKey(tftp[1]) : ''],
    ['AlternateTFTP', facts.settings.alternateTftp ? 'Yes' : 'No'],
    ['HTTPPort', String(facts.settings.httpPort)],
    ...callManagerRows(facts).map((row, index) => [`CallManager${index + 1}`, row] as const),
    ['ConfigurationFile', facts.configFile],
  ];
}
