/**
 * Renderer entry: asks the shell which phones to show, starts one firmware
 * `Phone` per handset on a renderer board, and renders them.
 */
import { createRoot } from 'react-dom/client';
import { Phone } from '../src-firmware/phone';
import { choosePhones } from './phone-launch';
import { PhonePage, ShellProblem, type MountedPhone } from './phone-page';
import { resolveHost } from './host/resolve-host';
import { createRendererBoard } from './renderer-board';
import { createPhoneStore } from './store/phone-store';
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
  const phones: MountedPhone[] = choice.phones.map((launch) => {
    const board = createRendererBoard(host, launch.mac, { storage: config.shell === 'electron' ? 'host' : 'local' });
    const phone = new Phone(board, {
      mac: launch.mac,
      tftpServers: launch.tftpServers,
      alternateTftp: false,
      httpPort: launch.httpPort,
    });
    const store = createPhoneStore(phone);
    phone.start().catch((error: unknown) => console.error(`Phone ${launch.mac} failed to start`, error));
    return { launch, store };
  });
  document.title = phones.length === 1 ? `IP Phone SEP${phones[0]?.launch.mac ?? ''}` : 'IP Phones';
  root.render(<PhonePage phones={phones} />);
}

void boot();
