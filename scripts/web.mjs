// npm run web [-- --port N] [--host H] [--lab-data DIR | --memory] [--ephemeral] [--no-lab]
// Builds the renderer if stale, then runs the embedded lab and the browser shell until SIGINT/SIGTERM.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { ensureRendererBuilt } from './renderer-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';

export async function runWeb(argv) {
  ensureRendererBuilt(root);
  process.chdir(root);
  const { runWebShell } = await tsImport('../src-host/web-shell-cli.ts', import.meta.url);
  try {
    await runWebShell(argv);
  } catch (error) {
    console.error(`web shell: ${error.message}`);
    process.exit(error.name === 'UsageError' ? 2 : 1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runWeb(process.argv.slice(2));
}
