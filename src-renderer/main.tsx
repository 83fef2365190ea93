/**
 * Renderer entry: asks the shell which phones to show, starts one firmware
 * `Phone` per handset on a renderer board with WebRTC media, answers the
 * host's requests for the phones' web servers and attaches each phone to its
 * host, and renders them.
 */
import { createRoot } from 'react-dom/client';
import { Phone } from '../src-firmware/phone';
import { choosePhones } from './phone-launch';
import { PhonePage, ShellProblem, type MountedPhone } from './phone-page';
import { resolveHost } from './host/resolve-host';
import { createRendererBoard } from './renderer-board';
import { createPhoneStore } from './store/phone-store';
import { createShellFactsStore, type ShellFactsStore } from './store/shell-facts-store';
import type { HostApi } from '../src-shared/host-contract';
import { createPhoneMedia } from './media/phone-media';
import { createPhoneRequestAnswerer } from './host/phone-request-answerer';
import { exposePhoneTestHook } from './phone-test-hooks';
import { watchLab } from './lab/lab-watcher';
import './styles/page.css';
import './styles/handset.css';
import './styles/lcd.css';

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  const host = resolveHost();
  let config;
  try {
    config = await host.shellConfig();
  } catch (error) {
    root.render(<ShellProblem title="No host" detail={`The phone's host did not answer: ${(error as Error).message}`} />);
    return;
  }
  const choice = choosePhones(config, window.location.search);
  if (choice.kind === 'invalid-mac') {
    root.render(<ShellProblem title="Bad MAC address" detail={`"${choice.text}" is not 12 hex digits (e.g. ?mac=00AABB000002).`} />);
    return;
  }
  const firmware = new Map<string, Phone>();
  const answering = host.servePhoneRequests(createPhoneRequestAnswerer((mac) => firmware.get(mac)))
    .catch((error: unknown) => console.warn('The host takes no phone requests', error));
  const phones: MountedPhone[] = choice.phones.map((launch) => {
    const media = createPhoneMedia(launch.mac);
    const board = createRendererBoard(host, launch.mac, { storage: config.shell === 'electron' ? 'host' : 'local', media: media.port });
    const phone = new Phone(board, {
      mac: launch.mac,
      tftpServers: launch.tftpServers,
      alternateTftp: false,
      httpPort: launch.httpPort,
    });
    firmware.set(launch.mac, phone);
    phone.subscribe((snapshot) => media.follow(snapshot));
    const store = createPhoneStore(phone);
    const facts = createShellFactsStore();
    exposePhoneTestHook(launch.mac, {
      stats: () => media.stats(),
      tone: () => media.tone(),
      conferenceParties: () => media.conferenceParties(),
      microphoneOn: () => media.microphoneOn(),
      snapshot: () => phone.getSnapshot(),
      webUrl: () => facts.getState().webUrl,
    });
    phone.start()
      .then(() => answering)
      .then(() => attachWebServer(host, phone, launch.mac, facts))
      .catch((error: unknown) => console.error(`Phone ${launch.mac} failed to start`, error));
    return { launch, store, facts };
  });
  document.title = phones.length === 1 ? `IP Phone SEP${phones[0]?.launch.mac ?? ''}` : 'IP Phones';
  /* The lab view sits beside the phones on the multi-phone page (`/`). */
  const lab = config.labApi && phones.length > 1 ? watchLab(host, config.labApi).store : undefined;
  root.render(<PhonePage phones={phones} {...(lab ? { lab } : {})} />);
}

/** Asks the host to run the phone's web server on its HTTP port, again whenever that setting changes. */
async function attachWebServer(host: HostApi, phone: Phone, mac: string, facts: ShellFactsStore): Promise<void> {
  let attachedPort: number | null = null;
  const attach = async (): Promise<void> => {
    const httpPort = phone.getNetworkSettings().httpPort;
    if (httpPort === attachedPort) return;
    attachedPort = httpPort;
    try {
      const { url, note } = await host.phoneAttach({ mac, httpPort });
      facts.setState({ webUrl: url, webNote: note ?? '' });
      console.info(`SEP${mac} web server: ${url}${note ? ` (${note})` : ''}`);
    } catch (error) {
      facts.setState({ webUrl: '', webNote: (error as Error).message });
    }
  };
  phone.subscribe(() => void attach());
  await attach();
}

void boot();
