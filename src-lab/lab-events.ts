/**
 * The lab's structured event log: a bounded ring of recent events with
 * increasing sequence numbers, for `GET /api/state` and `GET /api/events?since=N`.
 */

export type TftpOutcome = 'served' | 'not-found' | 'refused' | 'error';

/** One TFTP request as a cluster's server saw it. */
export interface TftpEvent {
  readonly type: 'tftp';
  readonly cluster: string;
  readonly file: string;
  /** `address:port` of the client. */
  readonly peer: string;
  readonly outcome: TftpOutcome;
  /** Where the bytes came from; absent unless served. */
  readonly source?: 'local' | 'cache' | `alternate:${string}`;
  readonly bytes: number;
  /** Why it was refused or failed. */
  readonly detail?: string;
  /** ISO 8601 time. */
  readonly at: string;
}

/** Any event; later issues add `sip`, `axl`, `em` and `ccem` types. */
export interface LabEvent {
  readonly type: string;
  readonly at: string;
  readonly [field: string]: unknown;
}

export interface SequencedEvent {
  readonly seq: number;
  readonly event: LabEvent;
}

export class LabEventLog {
  private readonly ring: SequencedEvent[] = [];
  private next = 1;
  private readonly listeners = new Set<(event: LabEvent) => void>();

  constructor(readonly capacity = 500) {}

  add(event: LabEvent): void {
    this.ring.push({ seq: this.next++, event });
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events with a sequence number greater than `since`, oldest first. */
  since(since = 0): SequencedEvent[] {
    return this.ring.filter((entry) => entry.seq > since);
  }

  recent(): LabEvent[] {
    return this.ring.map((entry) => entry.event);
  }

  /** The sequence number of the newest event (0 when none). */
  get lastSeq(): number {
    return this.next - 1;
  }
}
