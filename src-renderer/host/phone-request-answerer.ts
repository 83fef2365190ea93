/**
 * The page's answers to the host's `PhoneRequest`s (host-contract.ts): each
 * names a phone by MAC; the request goes to that phone's firmware, the one
 * owner of its state. Malformed requests and unknown phones are refused
 * (whichever transport brought them: Electron IPC or the shell's socket).
 */
import type { PhoneSnapshot } from '../../src-firmware/phone-snapshot';
import type { ExecuteResult } from '../../src-firmware/services/service-browser';
import { isPhoneRequest, type PhoneRequest, type PhoneRequestHandler } from '../../src-shared/host-contract';

/** The slice of the firmware `Phone` the host's web server needs. */
export interface AnswerablePhone {
  execute(xml: string): Promise<readonly ExecuteResult[]>;
  getSnapshot(): PhoneSnapshot;
  deviceInformation(): readonly (readonly [string, string])[];
  networkConfiguration(): readonly (readonly [string, string])[];
  getConfig(): { readonly urls: { readonly authentication: string } } | null;
}

export class UnknownPhone extends Error {
  constructor(mac: string) {
    super(`No phone SEP${mac} on this page`);
    this.name = 'UnknownPhone';
  }
}

export class MalformedPhoneRequest extends Error {
  constructor() {
    super('Malformed phone request');
    this.name = 'MalformedPhoneRequest';
  }
}

export function createPhoneRequestAnswerer(phoneOf: (mac: string) => AnswerablePhone | undefined): PhoneRequestHandler {
  return async (request: PhoneRequest) => {
    if (!isPhoneRequest(request)) throw new MalformedPhoneRequest();
    const phone = phoneOf(request.mac);
    if (!phone) throw new UnknownPhone(request.mac);
    switch (request.channel) {
      case 'phone:execute': return phone.execute(request.xml);
      case 'phone:snapshot': return phone.getSnapshot();
      case 'phone:device-information': return phone.deviceInformation();
      case 'phone:network-configuration': return phone.networkConfiguration();
      case 'phone:auth-url': return phone.getConfig()?.urls.authentication ?? '';
    }
  };
}
