/**
 * Settings › Status › Status Messages: a bounded, timestamped log of what the
 * firmware did, newest last.
 */
export interface StatusMessage {
  readonly at: number;
  readonly text: string;
}

export class StatusLog {
  private readonly entries: StatusMessage[] = [];

  constructor(private readonly capacity = 200) {}

  add(at: number, text: string): void {
    this.entries.push({ at, text });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  all(): readonly StatusMessage[] {
    return this.entries;
  }
}
