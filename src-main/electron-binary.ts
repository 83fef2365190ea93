/**
 * Whether Electron's runtime can be launched here, decided WITHOUT
 * `require('electron')` (Electron 45 downloads its binary on first require).
 * The electron package records its binary's path, relative to `dist/`, in
 * `path.txt` once its postinstall has fetched it; both must exist.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronRuntime =
  | { readonly kind: 'present'; readonly binary: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'absent'; readonly reason: string };

export function findElectronRuntime(projectRoot: string, env: Readonly<Record<string, string | undefined>>): ElectronRuntime {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' || env.ELECTRON_SKIP_BINARY_DOWNLOAD === 'true') {
    return { kind: 'skipped', reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  }
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { kind: 'absent', reason: "Electron's runtime is not installed here (no node_modules/electron/path.txt)" };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = join(packageDir, 'dist', relative);
  if (relative === '' || relative.includes('..') || !isFile(binary)) {
    return { kind: 'absent', reason: "Electron's runtime is not installed here (no node_modules/electron/dist)" };
  }
  return { kind: 'present', binary };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
