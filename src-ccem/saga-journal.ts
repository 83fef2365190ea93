/**
 * The CCEM service's journal: sessions, their steps and the PIN lockouts, in
 * SQLite (sql.js). Contract:
 * - Every write is one transaction, then the whole database is written to
 *   `file` atomically (`file.tmp`, then rename) before the call returns; so a
 *   step recorded `planned` is on disk before it is taken.
 * - `afterWrite` runs after each write is on disk (the crash tests kill the
 *   process there).
 * - No PIN is ever written; lockouts hold counts and times only.
 * - `file: null` keeps it in memory (tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { queryAll, queryOne, writeTransaction, type Row } from '../src-lab/sqlite-file';
import { checkMove, SessionState, type SagaStep, type StepStatus } from './session-state';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  device TEXT NOT NULL,
  renamed TEXT,
  model TEXT NOT NULL,
  home TEXT NOT NULL,
  visiting TEXT NOT NULL,
  state TEXT NOT NULL,
  since INTEGER NOT NULL,
  expires INTEGER,
  updated INTEGER NOT NULL,
  reason TEXT
);
CREATE TABLE IF NOT EXISTS steps (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS lockouts (
  user_id TEXT PRIMARY KEY COLLATE NOCASE,
  failures INTEGER NOT NULL,
  locked_until INTEGER
);
`;

export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  /** The phone's own device name `SEP<MAC>`. */
  readonly device: string;
  /** `SEPCCC…` in the visiting cluster while logged in cross-cluster; null for a same-cluster session. */
  readonly renamed: string | null;
  readonly model: string;
  readonly home: string;
  readonly visiting: string;
  readonly state: SessionState;
  readonly since: number;
  readonly expires: number | null;
  readonly reason: string | null;
}

export interface StepRecord {
  readonly step: SagaStep;
  readonly status: StepStatus;
  readonly at: number;
}

export type NewSession = Omit<SessionRecord, 'state' | 'reason'>;

let sqlJs: Promise<SqlJsStatic> | null = null;


export class SagaJournal {
  private constructor(
    private readonly db: Database,
    readonly file: string | null,
    private readonly afterWrite: () => void,
  ) {}

  static async open(file: string | null, afterWrite: () => void = () => undefined): Promise<SagaJournal> {
    sqlJs ??= initSqlJs();
    const SQL = await sqlJs;
    const existing = file !== null && existsSync(file) ? readFileSync(file) : null;
    const db = existing === null ? new SQL.Database() : new SQL.Database(existing);
    db.exec(SCHEMA);
    return new SagaJournal(db, file, afterWrite);
  }

  close(): void {
    this.db.close();
  }

  insertSession(session: NewSession): SessionRecord {
    this.write(() => this.db.run(
      `INSERT INTO sessions (id, user_id, device, renamed, model, home, visiting, state, since, expires, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [session.id, session.userId, session.device, session.renamed, session.model, session.home, session.visiting,
        SessionState.LoggingIn, session.since, session.expires, Date.now()],
    ));
    return this.requireSession(session.id);
  }

  /** Moves a session (checked against the diagram in session-state.ts). */
  moveSession(id: string, to: SessionState, reason: string | null = null): SessionRecord {
    const current = this.requireSession(id);
    checkMove(current.state, to);
    this.write(() => this.db.run('UPDATE sessions SET state = ?, reason = COALESCE(?, reason), updated = ? WHERE id = ?',
      [to, reason, Date.now(), id]));
    return this.requireSession(id);
  }

  markStep(id: string, step: SagaStep, status: StepStatus): void {
    this.write(() => {
      const next = Number(this.one('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM steps WHERE session_id = ?', [id])?.next ?? 1);
      this.db.run('INSERT INTO steps (session_id, seq, step, status, at) VALUES (?, ?, ?, ?, ?)', [id, next, step, status, Date.now()]);
    });
  }

  /** The latest status of each step of the session, in the order the steps were first planned. */
  steps(id: string): StepRecord[] {
    const latest = new Map<string, StepRecord>();
    for (const row of this.all('SELECT step, status, at FROM steps WHERE session_id = ? ORDER BY seq', [id])) {
      const step = String(row.step) as SagaStep;
      latest.set(step, { step, status: String(row.status) as StepStatus, at: Number(row.at) });
    }
    return [...latest.values()];
  }

  getSession(id: string): SessionRecord | null {
    const row = this.one('SELECT * FROM sessions WHERE id = ?', [id]);
    return row === null ? null : sessionFrom(row);
  }

  /** Sessions that are not final, oldest first. */
  openSessions(): SessionRecord[] {
    return this.all(`SELECT * FROM sessions WHERE state NOT IN (?, ?) ORDER BY since, id`, [SessionState.RolledBack, SessionState.LoggedOut])
      .map(sessionFrom);
  }

  lockout(userId: string): { failures: number; lockedUntil: number | null } {
    const row = this.one('SELECT failures, locked_until FROM lockouts WHERE user_id = ?', [userId]);
    return row === null ? { failures: 0, lockedUntil: null }
      : { failures: Number(row.failures), lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
  }

  setLockout(userId: string, failures: number, lockedUntil: number | null): void {
    this.write(() => this.db.run(
      'INSERT INTO lockouts (user_id, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until',
      [userId, failures, lockedUntil],
    ));
  }

  private requireSession(id: string): SessionRecord {
    const session = this.getSession(id);
    if (session === null) throw new Error(`no session ${id}`);
    return session;
  }

  private write(change: () => void): void {
    writeTransaction(this.db, this.file, change);
    this.afterWrite();
  }

  private all(sql: string, params: SqlValue[] = []): Row[] {
    return queryAll(this.db, sql, params);
  }

  private one(sql: string, params: SqlValue[] = []): Row | null {
    return queryOne(this.db, sql, params);
  }
}

function sessionFrom(row: Row): SessionRecord {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    device: String(row.device),
    renamed: row.renamed === null || row.renamed === undefined ? null : String(row.renamed),
    model: String(row.model),
    home: String(row.home),
    visiting: String(row.visiting),
    state: String(row.state) as SessionState,
    since: Number(row.since),
    expires: row.expires === null || row.expires === undefined ? null : Number(row.expires),
    reason: row.reason === null || row.reason === undefined ? null : String(row.reason),
  };
}
