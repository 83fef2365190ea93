/**
 * Starts the embedded lab (src-lab/lab.ts) beside a shell. The topology's own
 * ports are tried first, so phone settings saved in flash stay valid from run
 * to run; if they are taken the lab moves to ephemeral ports and says so. A
 * lab that cannot start at all leaves the shell running without one.
 */
import { startLab, type RunningLab } from '../src-lab/lab';

export interface EmbeddedLabOptions {
  /** Where the lab keeps its database; null keeps it in memory. */
  readonly dataDir: string | null;
  readonly host?: string;
  /** Skip the topology's ports and bind ephemeral ones straight away. */
  readonly ephemeralPorts?: boolean;
}

export async function startEmbeddedLab(options: EmbeddedLabOptions): Promise<{ lab: RunningLab | null; problem?: string }> {
  const base = { dataDir: options.dataDir, host: options.host ?? '127.0.0.1' };
  if (!options.ephemeralPorts) {
    try {
      return { lab: await startLab(base) };
    } catch (error) {
      const retried = await startLab({ ...base, ephemeralPorts: true }).catch(() => null);
      if (retried) return { lab: retried, problem: `the topology's ports were unavailable (${(error as Error).message}); the lab runs on ephemeral ports` };
      return { lab: null, problem: `the embedded lab failed to start: ${(error as Error).message}` };
    }
  }
  try {
    return { lab: await startLab({ ...base, ephemeralPorts: true }) };
  } catch (error) {
    return { lab: null, problem: `the embedded lab failed to start: ${(error as Error).message}` };
  }
}
