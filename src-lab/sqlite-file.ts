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
