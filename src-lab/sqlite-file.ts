/**
 * The small pieces every sql.js store here needs (the clusters' device
 * databases, the CCEM saga journal): typed queries and an atomic save to disk
 * (a temporary file renamed over the old one, so a crash keeps the last good
 * copy).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database, SqlValue } from 'sql.js';

export type Row = Record<string, SqlValue>;

export function queryAll(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const statement = db.prepare(sql, params);
  try {
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.getAsObject() as Row);
    return rows;
  } finally {
    statement.free();
  }
}

export function queryOne(db: Database, sql: string, params: SqlValue[] = []): Row | null {
  return queryAll(db, sql, params)[0] ?? null;
}

export function saveDatabaseFile(db: Database, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, db.export());
  renameSync(temporary, file);
}

/** Runs `change` in one transaction (rolled back if it throws), then saves the file when there is one. */
export function writeTransaction(db: Database, file: string | null, change: () => void): void {
  db.run('BEGIN');
  try {
    change();
    db.run('COMMIT');
  } catch (error) {
    db.run('ROLLBACK');
    throw error;
  }
  if (file !== null) saveDatabaseFile(db, file);
}
