/**
 * The host's side of the push channel to one page (a browser-shell socket or
 * an Electron window): requests wait in a queue until the page says it is
 * ready (electron/fiddle's "queue pushes until the renderer is ready"), each
 * gets an id, and the page's reply settles it. Replies are checked
 * (`isPhoneReplyEnvelope`); a reply for no pending id is ignored; a request
 * the page leaves unanswered times out. Transport-free, so both shells and
 * the unit tests use it as it is.
 *
 *   waiting ──ready()──► ready ──close()──► closed
 *      └──────────────close()────────────────┘
 */
import {
  isPhoneReplyEnvelope, type PhoneRequest, type PhoneRequestEnvelope, type PhoneRequestResults,
} from '../src-shared/host-contract';

export type PhoneRequestPortState = 'waiting' | 'ready' | 'closed';

/** The page did not answer, went away, or answered with an error. */
export class PhoneRequestFailed extends Error {
  constructor(message: string, name = 'PhoneRequestFailed') {
    super(message);
    this.name = name;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface PhoneRequestPortOptions {
  /** Delivers one request to the page. */
  send(envelope: PhoneRequestEnvelope): void;
  /** How long the page may take to answer (queued time included), ms. */
  readonly timeoutMs?: number;
}

export class PhoneRequestPort {
  private portState: PhoneRequestPortState = 'waiting';
  private nextId = 1;
  private readonly queue: PhoneRequestEnvelope[] = [];
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: PhoneRequestPortOptions) {}

  get state(): PhoneRequestPortState {
    return this.portState;
  }

  /** The page answers from now on: send what was queued. */
  ready(): void {
    if (this.portState !== 'waiting') return;
    this.portState = 'ready';
    for (const envelope of this.queue.splice(0)) this.options.send(envelope);
  }

  request<R extends PhoneRequest>(request: R): Promise<PhoneRequestResults[R['channel']]> {
    if (this.portState === 'closed') return Promise.reject(new PhoneRequestFailed('The page is gone'));
    const id = this.nextId++;
    const envelope: PhoneRequestEnvelope = { id, request };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const queued = this.queue.indexOf(envelope);
        if (queued >= 0) this.queue.splice(queued, 1);
        reject(new PhoneRequestFailed(`The page did not answer ${request.channel} in time`));
      }, this.options.timeoutMs ?? 10_000);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      if (this.portState === 'ready') this.options.send(envelope);
      else this.queue.push(envelope);
    });
  }

  /** A reply from the page; anything malformed or unexpected is dropped (returns false). */
  reply(message: unknown): boolean {
    if (!isPhoneReplyEnvelope(message)) return false;
    const entry = this.pending.get(message.id);
    if (!entry) return false;
    this.pending.delete(message.id);
    clearTimeout(entry.timer);
    if ('error' in message) entry.reject(new PhoneRequestFailed(message.error.message, message.error.name));
    else entry.resolve(message.result);
    return true;
  }

  /** The page went away: every queued and pending request fails. */
  close(): void {
    if (this.portState === 'closed') return;
    this.portState = 'closed';
    this.queue.length = 0;
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new PhoneRequestFailed('The page is gone'));
    }
    this.pending.clear();
  }
}
