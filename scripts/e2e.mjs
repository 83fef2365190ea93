// npm run test:e2e [-- playwright args]: builds the renderer, then runs Playwright in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const install = spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (install.status !== 0 || !existsSync(CHROMIUM)) {
      console.error('Could not install chromium with apt-get; install it (apt-get install -y chromium) and rerun.');
      process.exit(1);
    }
  } else {
    console.error(`E2E needs Chromium at ${CHROMIUM}: install it with "sudo apt-get install -y chromium" (Debian) and rerun.`);
    process.exit(1);
  }
}

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npm', ['run', 'build:web']);
run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
