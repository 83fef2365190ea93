/**
 * A board for unit tests: a manual clock, in-memory flash and a scripted
 * TFTP port. Only the firmware's unit tests use it; integration and e2e tests
 * use the real Node board on real sockets.
 */
import type {
  Board, Clock, FirmwareEvent, HttpRequest, HttpResult, Storage, TftpGetOptions, TftpGetResult, TftpServerAddress, TimerHandle,
} from '../src-firmware/board';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2026, 11, 3, 9, 5, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = due.at;
      due.callback();
    }
    this.current = end;
    await settle();
  }
}

/** Lets every pending promise chain run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class MemoryFlash implements Storage {
  readonly values = new Map<string, string>();

  async load(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async save(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

export type TftpScript = (server: TftpServerAddress, file: string, options: TftpGetOptions) => TftpGetResult;
export type HttpScript = (request: HttpRequest) => HttpResult;

export class FakeBoard implements Board {
  readonly clock = new ManualClock();
  readonly storage = new MemoryFlash();
  readonly events: FirmwareEvent[] = [];
  readonly requests: { server: string; file: string; timeoutMs: number }[] = [];
  readonly httpRequests: HttpRequest[] = [];
  http: HttpScript = () => ({ outcome: 'connection-failed', message: 'no HTTP in this unit test' });

  constructor(private readonly script: TftpScript) {}

  async tftpGet(server: TftpServerAddress, file: string, options: TftpGetOptions): Promise<TftpGetResult> {
    this.requests.push({ server: `${server.host}:${server.port}`, file, timeoutMs: options.timeoutMs });
    return this.script(server, file, options);
  }

  async httpRequest(request: HttpRequest): Promise<HttpResult> {
    this.httpRequests.push(request);
    return this.http(request);
  }

  emit(event: FirmwareEvent): void {
    this.events.push(event);
  }
}

/** A TFTP script from a table of `host:port` → files; servers not listed time out. */
export function tftpServers(table: Record<string, Record<string, string | Uint8Array>>): TftpScript {
  return (server, file) => {
    const files = table[`${server.host}:${server.port}`];
    if (!files) return { outcome: 'timeout', message: 'Timed out' };
    const content = files[file];
    if (content === undefined) return { outcome: 'not-found', message: 'File not found' };
    return { outcome: 'ok', data: typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content };
  };
}

/** An HTTP answer for scripted services. */
export function xmlAnswer(body: string, headers: Record<string, string> = {}, status = 200, setCookies: string[] = []): HttpResult {
  return { outcome: 'ok', status, headers: { 'content-type': 'text/xml', ...headers }, setCookies, body: new Uint8Array(Buffer.from(body, 'utf8')) };
}
