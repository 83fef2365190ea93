/**
 * One cluster's device database: SQLite compiled to WebAssembly (sql.js), so
 * it runs in Node and inside Electron with no native rebuild.
 *
 * Contract:
 * - Every mutation is one transaction; after it commits, the whole database is
 *   written to `file` atomically (write `file.tmp`, then rename). `file: null`
 *   keeps it in memory only (tests).
 * - On open, an existing file is loaded as is; only a missing file is seeded
 *   from the topology.
 * - Device names are matched case-insensitively (`sep00aabb000001` finds
 *   `SEP00AABB000001`); they are stored as given.
 * - Every change to a device (its row, its buttons, who is logged in on it)
 *   gives it a new `versionStamp` (`<epoch seconds>-<uuid>`, as CUCM writes it,
 *   cisco-reference §2.2).
 *
 * Extension Mobility shape: a device may carry `loggedInUser`; while it does,
 * its effective buttons are that user's device-profile buttons instead of the
 * device's own (CUCM replaces the device's lines with the profile's). A
 * `temporary` device is one created for a cross-cluster login (removed at
 * logout).
 */
import { readFileSync, existsSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { queryAll, queryOne, writeTransaction, type Row } from './sqlite-file';
import type { ButtonSet, ClusterSpec, DeviceSpec, LineSpec, ServiceSpec, SpeedDialSpec, UserSpec } from './topology';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL UNIQUE COLLATE NOCASE,
  pin TEXT NOT NULL,
  name TEXT NOT NULL,
  dn TEXT NOT NULL,
  home_cluster TEXT NOT NULL,
  profile_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS devices (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  model TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  protocol TEXT NOT NULL DEFAULT 'SIP',
  em_enabled INTEGER NOT NULL DEFAULT 1,
  temporary INTEGER NOT NULL DEFAULT 0,
  demo INTEGER NOT NULL DEFAULT 0,
  caption TEXT,
  logged_in_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  login_time INTEGER,
  version_stamp TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS device_buttons (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  button INTEGER NOT NULL,
  feature_id INTEGER NOT NULL,
  label TEXT NOT NULL,
  dn TEXT, display_name TEXT, auth_name TEXT, auth_password TEXT,
  speed_dial_number TEXT, service_url TEXT,
  PRIMARY KEY (device_id, button)
);
CREATE TABLE IF NOT EXISTS profile_buttons (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  button INTEGER NOT NULL,
  feature_id INTEGER NOT NULL,
  label TEXT NOT NULL,
  dn TEXT, display_name TEXT, auth_name TEXT, auth_password TEXT,
  speed_dial_number TEXT, service_url TEXT,
  PRIMARY KEY (user_id, button)
);
`;

/** cnf.xml featureID values (cisco-reference §2.2). */
export const FEATURE_ID = { line: 9, speedDial: 2, serviceUri: 20 } as const;

export interface DeviceRecord extends ButtonSet {
  /** AXL `uuid` (pkid): `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, kept across renames. */
  readonly uuid: string;
  readonly name: string;
  readonly model: string;
  readonly description: string;
  readonly emEnabled: boolean;
  readonly temporary: boolean;
  readonly demo: boolean;
  readonly caption: string | null;
  /** User id logged in by Extension Mobility, or null. */
  readonly loggedInUser: string | null;
  readonly loginTime: number | null;
  readonly versionStamp: string;
}

/** What the phone gets: the device, with the logged-in user's profile buttons when there is one. */
export interface EffectiveDevice extends DeviceRecord {
  readonly ownButtons: ButtonSet;
}

export interface UserRecord {
  /** AXL `uuid` of the end user. */
  readonly uuid: string;
  readonly userId: string;
  readonly pin: string;
  readonly name: string;
  readonly dn: string;
  readonly home: string;
  readonly profileName: string;
  readonly profile: ButtonSet;
}

export interface NewDevice extends Partial<ButtonSet> {
  readonly name: string;
  readonly model: string;
  readonly description?: string;
  readonly emEnabled?: boolean;
  readonly temporary?: boolean;
  readonly demo?: boolean;
  readonly caption?: string | null;
}

export interface DeviceChange extends Partial<ButtonSet> {
  /** AXL updatePhone `newName`. */
  readonly newName?: string;
  readonly model?: string;
  readonly description?: string;
  readonly emEnabled?: boolean;
}

export class DeviceDatabaseError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-found' | 'duplicate' | 'invalid',
  ) {
    super(message);
    this.name = 'DeviceDatabaseError';
  }
}

let sqlJs: Promise<SqlJsStatic> | null = null;

function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/**
 * A stable AXL-style uuid (upper-case, braced, as CUCM returns pkids) derived
 * from what never changes about a row, so a rename keeps it.
 */
export function axlUuid(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha1').update(parts.join('/')).digest('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

export function newVersionStamp(now: number = Date.now()): string {
  return `${Math.floor(now / 1000)}-${randomUUID()}`;
}


function text(value: SqlValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export interface DeviceDatabaseOptions {
  readonly cluster: ClusterSpec;
  /** Database file, or null for memory only. */
  readonly file: string | null;
}

export class DeviceDatabase {
  private readonly listeners = new Set<(deviceName: string | null) => void>();

  private constructor(
    private readonly db: Database,
    readonly clusterId: string,
    readonly file: string | null,
  ) {}

  /** Opens the cluster's database file, or seeds a new one from the topology. */
  static async open(options: DeviceDatabaseOptions): Promise<DeviceDatabase> {
    const SQL = await loadSqlJs();
    const existing = options.file !== null && existsSync(options.file) ? readFileSync(options.file) : null;
    const db = existing === null ? new SQL.Database() : new SQL.Database(existing);
    db.run('PRAGMA foreign_keys = ON');
    const database = new DeviceDatabase(db, options.cluster.id, options.file);
    if (existing === null) {
      database.transaction(() => {
        db.exec(SCHEMA);
        db.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)', [
          'schemaVersion', String(SCHEMA_VERSION), 'clusterId', options.cluster.id,
        ]);
        for (const user of options.cluster.users) database.insertUser(user);
        for (const device of options.cluster.devices) database.insertDevice(device);
      });
    } else {
      const version = database.one('SELECT value FROM meta WHERE key = ?', ['schemaVersion']);
      if (version === null || Number(version.value) !== SCHEMA_VERSION) {
        throw new Error(`${options.file}: unsupported device database schema ${text(version?.value)}`);
      }
    }
    return database;
  }

  /** Called after each committed change with the changed device's name (null: users). */
  onChange(listener: (deviceName: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.db.close();
  }

  listDevices(): DeviceRecord[] {
    return this.all('SELECT d.*, u.user_id AS logged_in FROM devices d LEFT JOIN users u ON u.id = d.logged_in_user_id ORDER BY d.name')
      .map((row) => this.deviceFrom(row));
  }

  getDevice(name: string): DeviceRecord | null {
    const row = this.one(
      'SELECT d.*, u.user_id AS logged_in FROM devices d LEFT JOIN users u ON u.id = d.logged_in_user_id WHERE d.name = ?',
      [name],
    );
    return row === null ? null : this.deviceFrom(row);
  }

  /** AXL lookup by `uuid` (braces and case ignored). */
  getDeviceByUuid(uuid: string): DeviceRecord | null {
    const wanted = uuid.replace(/[{}]/g, '').toUpperCase();
    return this.listDevices().find((device) => device.uuid.replace(/[{}]/g, '') === wanted) ?? null;
  }

  /** The device as its cnf.xml shows it: profile buttons while a user is logged in. */
  getEffectiveDevice(name: string): EffectiveDevice | null {
    const device = this.getDevice(name);
    if (device === null) return null;
    const own: ButtonSet = { lines: device.lines, speedDials: device.speedDials, services: device.services };
    if (device.loggedInUser === null) return { ...device, ownButtons: own };
    const user = this.getUser(device.loggedInUser);
    return user === null ? { ...device, ownButtons: own } : { ...device, ...user.profile, ownButtons: own };
  }

  listUsers(): UserRecord[] {
    return this.all('SELECT * FROM users ORDER BY user_id').map((row) => this.userFrom(row));
  }

  getUser(userId: string): UserRecord | null {
    const row = this.one('SELECT * FROM users WHERE user_id = ?', [userId]);
    return row === null ? null : this.userFrom(row);
  }

  /** AXL addPhone. */
  addDevice(device: NewDevice): DeviceRecord {
    if (this.getDevice(device.name) !== null) throw new DeviceDatabaseError(`Device ${device.name} already exists`, 'duplicate');
    this.mutate(device.name, () => this.insertDevice({
      name: device.name,
      model: device.model,
      description: device.description ?? '',
      demo: device.demo ?? false,
      lines: device.lines ?? [],
      speedDials: device.speedDials ?? [],
      services: device.services ?? [],
      ...(device.caption ? { caption: device.caption } : {}),
    }, device.temporary ?? false, device.emEnabled ?? true));
    return this.requireDevice(device.name);
  }

  /** AXL updatePhone (with `newName` for a rename). Omitted fields stay. */
  updateDevice(name: string, change: DeviceChange): DeviceRecord {
    const id = this.requireDeviceId(name);
    const newName = change.newName ?? null;
    if (newName !== null && newName.toUpperCase() !== name.toUpperCase() && this.getDevice(newName) !== null) {
      throw new DeviceDatabaseError(`Device ${newName} already exists`, 'duplicate');
    }
    this.mutate(newName ?? name, () => {
      const sets: string[] = [];
      const values: SqlValue[] = [];
      if (newName !== null) { sets.push('name = ?'); values.push(newName); }
      if (change.model !== undefined) { sets.push('model = ?'); values.push(change.model); }
      if (change.description !== undefined) { sets.push('description = ?'); values.push(change.description); }
      if (change.emEnabled !== undefined) { sets.push('em_enabled = ?'); values.push(change.emEnabled ? 1 : 0); }
      sets.push('version_stamp = ?', 'updated_at = ?');
      values.push(newVersionStamp(), Date.now(), id);
      this.db.run(`UPDATE devices SET ${sets.join(', ')} WHERE id = ?`, values);
      if (change.lines !== undefined || change.speedDials !== undefined || change.services !== undefined) {
        const current = this.buttonsOf('device_buttons', 'device_id', id);
        this.db.run('DELETE FROM device_buttons WHERE device_id = ?', [id]);
        this.insertButtons('device_buttons', 'device_id', id, {
          lines: change.lines ?? current.lines,
          speedDials: change.speedDials ?? current.speedDials,
          services: change.services ?? current.services,
        });
      }
    });
    return this.requireDevice(newName ?? name);
  }

  /** AXL removePhone. */
  removeDevice(name: string): void {
    const id = this.requireDeviceId(name);
    this.mutate(name, () => this.db.run('DELETE FROM devices WHERE id = ?', [id]));
  }

  /** Extension Mobility login: the device takes the user's device profile. */
  login(deviceName: string, userId: string): DeviceRecord {
    const id = this.requireDeviceId(deviceName);
    const user = this.one('SELECT id FROM users WHERE user_id = ?', [userId]);
    if (user === null) throw new DeviceDatabaseError(`User ${userId} does not exist`, 'not-found');
    this.mutate(deviceName, () => this.db.run(
      'UPDATE devices SET logged_in_user_id = ?, login_time = ?, version_stamp = ?, updated_at = ? WHERE id = ?',
      [user.id ?? null, Date.now(), newVersionStamp(), Date.now(), id],
    ));
    return this.requireDevice(deviceName);
  }

  /** Extension Mobility logout: the device's own buttons come back. */
  logout(deviceName: string): DeviceRecord {
    const id = this.requireDeviceId(deviceName);
    this.mutate(deviceName, () => this.db.run(
      'UPDATE devices SET logged_in_user_id = NULL, login_time = NULL, version_stamp = ?, updated_at = ? WHERE id = ?',
      [newVersionStamp(), Date.now(), id],
    ));
    return this.requireDevice(deviceName);
  }

  /** The device a user is logged in on, if any. */
  deviceOfUser(userId: string): string | null {
    const row = this.one(
      'SELECT d.name FROM devices d JOIN users u ON u.id = d.logged_in_user_id WHERE u.user_id = ?',
      [userId],
    );
    return row === null ? null : text(row.name);
  }

  /** Every device a user is logged in on (several only under "Multiple Logins Allowed"), by name. */
  devicesOfUser(userId: string): string[] {
    return this.all(
      'SELECT d.name FROM devices d JOIN users u ON u.id = d.logged_in_user_id WHERE u.user_id = ? ORDER BY d.login_time, d.name',
      [userId],
    ).map((row) => text(row.name));
  }

  private requireDevice(name: string): DeviceRecord {
    const device = this.getDevice(name);
    if (device === null) throw new DeviceDatabaseError(`Device ${name} does not exist`, 'not-found');
    return device;
  }

  private requireDeviceId(name: string): number {
    const row = this.one('SELECT id FROM devices WHERE name = ?', [name]);
    if (row === null) throw new DeviceDatabaseError(`Device ${name} does not exist`, 'not-found');
    return Number(row.id);
  }

  private mutate(deviceName: string | null, change: () => void): void {
    this.transaction(change);
    for (const listener of this.listeners) listener(deviceName);
  }

  private transaction(change: () => void): void {
    writeTransaction(this.db, this.file, change);
  }

  private insertUser(user: UserSpec): void {
    this.db.run(
      'INSERT INTO users (user_id, pin, name, dn, home_cluster, profile_name) VALUES (?, ?, ?, ?, ?, ?)',
      [user.userId, user.pin, user.name, user.dn, user.home, user.deviceProfile.name],
    );
    const id = Number(this.one('SELECT last_insert_rowid() AS id')?.id);
    this.insertButtons('profile_buttons', 'user_id', id, user.deviceProfile);
  }

  private insertDevice(device: DeviceSpec & { caption?: string }, temporary = false, emEnabled = true): void {
    const now = Date.now();
    this.db.run(
      `INSERT INTO devices (name, model, description, em_enabled, temporary, demo, caption, version_stamp, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [device.name, device.model, device.description, emEnabled ? 1 : 0, temporary ? 1 : 0, device.demo ? 1 : 0,
        device.caption ?? null, newVersionStamp(now), now, now],
    );
    const id = Number(this.one('SELECT last_insert_rowid() AS id')?.id);
    this.insertButtons('device_buttons', 'device_id', id, device);
  }

  private insertButtons(table: 'device_buttons' | 'profile_buttons', owner: 'device_id' | 'user_id', id: number, buttons: ButtonSet): void {
    const sql = `INSERT INTO ${table} (${owner}, button, feature_id, label, dn, display_name, auth_name, auth_password, speed_dial_number, service_url)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    for (const line of buttons.lines) {
      this.db.run(sql, [id, line.button, FEATURE_ID.line, line.label, line.dn, line.displayName, line.authName, line.authPassword, null, null]);
    }
    for (const dial of buttons.speedDials) {
      this.db.run(sql, [id, dial.button, FEATURE_ID.speedDial, dial.label, null, null, null, null, dial.number, null]);
    }
    for (const service of buttons.services) {
      this.db.run(sql, [id, service.button, FEATURE_ID.serviceUri, service.label, null, null, null, null, null, service.url]);
    }
  }

  private buttonsOf(table: 'device_buttons' | 'profile_buttons', owner: 'device_id' | 'user_id', id: number): ButtonSet {
    const rows = this.all(`SELECT * FROM ${table} WHERE ${owner} = ? ORDER BY button`, [id]);
    const lines: LineSpec[] = [];
    const speedDials: SpeedDialSpec[] = [];
    const services: ServiceSpec[] = [];
    for (const row of rows) {
      const button = Number(row.button);
      const label = text(row.label);
      switch (Number(row.feature_id)) {
        case FEATURE_ID.line:
          lines.push({ button, dn: text(row.dn), label, displayName: text(row.display_name), authName: text(row.auth_name), authPassword: text(row.auth_password) });
          break;
        case FEATURE_ID.speedDial:
          speedDials.push({ button, number: text(row.speed_dial_number), label });
          break;
        case FEATURE_ID.serviceUri:
          services.push({ button, label, url: text(row.service_url) });
          break;
        default:
          break;
      }
    }
    return { lines, speedDials, services };
  }

  private deviceFrom(row: Row): DeviceRecord {
    return {
      uuid: axlUuid(this.clusterId, 'device', Number(row.id), Number(row.created_at)),
      name: text(row.name),
      model: text(row.model),
      description: text(row.description),
      emEnabled: Number(row.em_enabled) === 1,
      temporary: Number(row.temporary) === 1,
      demo: Number(row.demo) === 1,
      caption: row.caption === null || row.caption === undefined ? null : text(row.caption),
      loggedInUser: row.logged_in === null || row.logged_in === undefined ? null : text(row.logged_in),
      loginTime: row.login_time === null || row.login_time === undefined ? null : Number(row.login_time),
      versionStamp: text(row.version_stamp),
      ...this.buttonsOf('device_buttons', 'device_id', Number(row.id)),
    };
  }

  private userFrom(row: Row): UserRecord {
    return {
      uuid: axlUuid(this.clusterId, 'user', text(row.user_id).toLowerCase()),
      userId: text(row.user_id),
      pin: text(row.pin),
      name: text(row.name),
      dn: text(row.dn),
      home: text(row.home_cluster),
      profileName: text(row.profile_name),
      profile: this.buttonsOf('profile_buttons', 'user_id', Number(row.id)),
    };
  }

  private all(sql: string, params: SqlValue[] = []): Row[] {
    return queryAll(this.db, sql, params);
  }

  private one(sql: string, params: SqlValue[] = []): Row | null {
    return queryOne(this.db, sql, params);
  }
}
