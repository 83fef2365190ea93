/**
 * Runs `npm run phone` as a child process and reads its JSON lines: the way
 * QA scripts drive a headless phone.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

export interface PhoneLine {
  readonly type: string;
  readonly [field: string]: unknown;
}

export class HeadlessPhoneProcess {
  readonly lines: PhoneLine[] = [];
  readonly stderr: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: { match: (line: PhoneLine) => boolean; resolve: (line: PhoneLine) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-board', 'headless-phone-cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    createInterface({ input: this.child.stdout }).on('line', (text) => {
      let line: PhoneLine;
      try {
        line = JSON.parse(text) as PhoneLine;
      } catch {
        line = { type: 'unparsed', text };
      }
      this.lines.push(line);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(line)) return true;
        waiter.resolve(line);
        return false;
      });
    });
    createInterface({ input: this.child.stderr }).on('line', (text) => this.stderr.push(text));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The first line (already printed or still to come) that matches. */
  waitFor(match: (line: PhoneLine) => boolean, timeoutMs = 15_000): Promise<PhoneLine> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching line within ${timeoutMs} ms; got:\n${this.lines.map((line) => JSON.stringify(line)).join('\n')}\n${this.stderr.join('\n')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (line) => { clearTimeout(timer); resolve(line); } });
    });
  }

  send(command: string): void {
    this.child.stdin.write(`${command}\n`);
  }

  /** Sends `snapshot` and returns the answer. */
  async snapshot(): Promise<PhoneLine> {
    const count = this.lines.filter((line) => line.type === 'snapshot').length;
    this.send('snapshot');
    let seen = 0;
    return this.waitFor((line) => line.type === 'snapshot' && ++seen > count);
  }

  /** Asks for snapshots until one matches (the phone redraws asynchronously). */
  async waitForSnapshot(match: (snapshot: PhoneLine) => boolean, timeoutMs = 5000): Promise<PhoneLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = await this.snapshot();
      if (match(snapshot)) return snapshot;
      if (Date.now() > deadline) throw new Error(`no matching snapshot within ${timeoutMs} ms; last: ${JSON.stringify(snapshot)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Closes standard input, as the end of a QA script's here-document does. */
  endInput(): void {
    this.child.stdin.end();
  }

  async quit(): Promise<number | null> {
    if (this.child.exitCode === null) this.send('quit');
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
