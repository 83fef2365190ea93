import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Storage } from '../src-firmware/board';

/**
 * The phone's "flash" as one JSON file (Electron user data, headless phone).
 * Writes are atomic: a temporary file renamed over the old one, so a crash
 * mid-write keeps the previous settings.
 */
export class FileStorage implements Storage {
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly filePath: string) {}

  async load(key: string): Promise<string | null> {
    const all = await this.readAll();
    const value = all[key];
    return typeof value === 'string' ? value : null;
  }

  save(key: string, value: string): Promise<void> {
    this.pending = this.pending.then(async () => {
      const all = await this.readAll();
      all[key] = value;
      await mkdir(dirname(this.filePath), { recursive: true });
      const temporary = `${this.filePath}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(all, null, 2));
      await rename(temporary, this.filePath);
    });
    return this.pending;
  }

  private async readAll(): Promise<Record<string, unknown>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.filePath, 'utf8'));
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
}

/** Storage that forgets on exit (a headless phone with no settings file). */
export class MemoryStorage implements Storage {
  private readonly values = new Map<string, string>();

  async load(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async save(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}
