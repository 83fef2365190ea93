/**
 * The whole surface the renderer gets from Electron: `window.phoneHost`, one
 * named function per `HostApi` call. `ipcRenderer` itself is never exposed.
 * Runs sandboxed (bundled to CommonJS by electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  HOST_CHANNELS, PHONE_REPLY_IPC, PHONE_REQUEST_IPC, type HostApi, type PhoneReplyEnvelope, type PhoneRequestEnvelope, type PhoneRequestHandler,
} from '../src-shared/host-contract';

let answering = false;

/** Main's requests for the phones' web servers: answered by the page's handler, replied over `PHONE_REPLY_IPC`. */
function servePhoneRequests(handler: PhoneRequestHandler): Promise<void> {
  if (!answering) {
    answering = true;
    ipcRenderer.on(PHONE_REQUEST_IPC, (_event, envelope: PhoneRequestEnvelope) => {
      void handler(envelope.request).then(
        (result): PhoneReplyEnvelope => ({ id: envelope.id, result }),
        (error: unknown): PhoneReplyEnvelope => ({
          id: envelope.id,
          error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
        }),
      ).then((reply) => ipcRenderer.send(PHONE_REPLY_IPC, reply));
    });
  }
  return ipcRenderer.invoke(HOST_CHANNELS.phoneRequestsReady);
}

const phoneHost: HostApi = {
  tftpGet: (call) => ipcRenderer.invoke(HOST_CHANNELS.tftpGet, call),
  httpRequest: (call) => ipcRenderer.invoke(HOST_CHANNELS.httpRequest, call),
  storageLoad: (call) => ipcRenderer.invoke(HOST_CHANNELS.storageLoad, call),
  storageSave: (call) => ipcRenderer.invoke(HOST_CHANNELS.storageSave, call),
  shellConfig: () => ipcRenderer.invoke(HOST_CHANNELS.shellConfig),
  firmwareEvent: (call) => ipcRenderer.invoke(HOST_CHANNELS.firmwareEvent, call),
  phoneAttach: (call) => ipcRenderer.invoke(HOST_CHANNELS.phoneAttach, call),
  servePhoneRequests,
};

contextBridge.exposeInMainWorld('phoneHost', phoneHost);
