/**
 * The whole surface the renderer gets from Electron: `window.phoneHost`, one
 * named function per `HostApi` call. `ipcRenderer` itself is never exposed.
 * Runs sandboxed (bundled to CommonJS by electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_CHANNELS, type HostApi } from '../src-shared/host-contract';

const phoneHost: HostApi = {
  tftpGet: (call) => ipcRenderer.invoke(HOST_CHANNELS.tftpGet, call),
  httpRequest: (call) => ipcRenderer.invoke(HOST_CHANNELS.httpRequest, call),
  storageLoad: (call) => ipcRenderer.invoke(HOST_CHANNELS.storageLoad, call),
  storageSave: (call) => ipcRenderer.invoke(HOST_CHANNELS.storageSave, call),
  shellConfig: () => ipcRenderer.invoke(HOST_CHANNELS.shellConfig),
  firmwareEvent: (call) => ipcRenderer.invoke(HOST_CHANNELS.firmwareEvent, call),
};

contextBridge.exposeInMainWorld('phoneHost', phoneHost);
