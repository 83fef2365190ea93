// Builds the browser shell's renderer (out/web) when a source is newer than the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src-renderer', 'src-firmware', 'src-shared', 'vite.web.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Returns after out/web is at least as new as its sources; exits the process if the build fails. */
export function ensureRendererBuilt(root, { force = false } = {}) {
  const built = join(root, 'out', 'web', 'index.html');
  const stale = force || !existsSync(built) || SOURCES.some((source) => newestMtime(join(root, source)) > statSync(built).mtimeMs);
  if (!stale) return;
  const result = spawnSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (result.status !== 0) {
    console.error('The renderer build failed (npm run build:web).');
    process.exit(result.status ?? 1);
  }
}
