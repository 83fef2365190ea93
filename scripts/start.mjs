// npm start: Electron where its runtime exists, else the browser shell — decided
// without require('electron') (Electron 45 downloads its binary on first require).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { findElectronRuntime } = await tsImport('../src-main/electron-binary.ts', import.meta.url);
const runtime = findElectronRuntime(root, process.env);

if (runtime.kind === 'present') {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Chromium refuses to run as root with its sandbox on.
  const rootOnly = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(runtime.binary, [...rootOnly, join(root, 'out', 'main', 'index.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (runtime.kind === 'absent') {
    console.log("Electron's runtime is not installed here (no node_modules/electron/dist); serving the browser shell instead");
  } else {
    console.log(`${runtime.reason}: serving the browser shell instead of Electron`);
  }
  const { runWeb } = await import('./web.mjs');
  await runWeb(process.argv.slice(2));
}
