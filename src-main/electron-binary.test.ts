import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from './electron-binary';

describe('deciding whether Electron can start, without requiring it', () => {
  let root: string;
  const electronDir = () => join(root, 'node_modules', 'electron');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'electron-binary-'));
    mkdirSync(electronDir(), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('goes straight to the browser when ELECTRON_SKIP_BINARY_DOWNLOAD=1', () => {
    writeFileSync(join(electronDir(), 'path.txt'), 'electron');
    expect(findElectronRuntime(root, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }).kind).toBe('skipped');
  });

  it('reports the runtime absent when the package never fetched it (no path.txt)', () => {
    const runtime = findElectronRuntime(root, {});
    expect(runtime).toMatchObject({ kind: 'absent' });
  });

  it('reports the runtime absent when path.txt names a file dist/ lacks', () => {
    writeFileSync(join(electronDir(), 'path.txt'), 'electron');
    expect(findElectronRuntime(root, {})).toEqual({
      kind: 'absent',
      reason: "Electron's runtime is not installed here (no node_modules/electron/dist)",
    });
  });

  it('refuses a path.txt that climbs out of dist/', () => {
    writeFileSync(join(electronDir(), 'path.txt'), '../../evil');
    expect(findElectronRuntime(root, {}).kind).toBe('absent');
  });

  it('finds the binary path.txt names under dist/', () => {
    mkdirSync(join(electronDir(), 'dist'));
    writeFileSync(join(electronDir(), 'dist', 'electron'), '');
    writeFileSync(join(electronDir(), 'path.txt'), 'electron\n');
    expect(findElectronRuntime(root, {})).toEqual({ kind: 'present', binary: join(electronDir(), 'dist', 'electron') });
  });
});
