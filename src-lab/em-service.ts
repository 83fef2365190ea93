/**
 * The Extension Mobility service of one cluster (cisco-reference §4): takes a
 * decoded EM request, acts on the device database, restarts the phone, and
 * returns the EM response. No HTTP in here (`em-http.ts` binds it).
 *
 * Every request first checks `appInfo` against the cluster's application
 * user (code 3). Then:
 *
 * login(device, user, profile?, duration?)
 *   blank userID → 2 · no such device → 11 · no such user → 23 ·
 *   profile not the user's → 12 · EM not enabled on the device → 5 ·
 *   another user on the device → 18 · the user already on the device → success, no change ·
 *   the user on other devices → by "Multiple Login Behavior" (cisco-reference §4.5):
 *     not-allowed → 25; auto-logout → those devices are logged out and restarted; allowed → go on ·
 *   DeviceDatabase.login (new versionStamp, cnf.xml from the profile) → restart → success.
 *   A duration of N minutes arms an automatic logout (cleared by any logout).
 * logout(device)
 *   no such device → 11 · nobody logged in → 19 · DeviceDatabase.logout → restart → success.
 * deviceUserQuery(devices) / userDevicesQuery(users): read only.
 *
 * The restart follows the database change, as CUCM does (cisco-reference §4.4),
 * and its outcome never changes the EM answer. Each request emits
 * `{type:'em', cluster, op, device?, user?, outcome: 'success'|'failure', code}`;
 * no credentials are ever logged.
 */
import { isAppUser } from './cluster-credentials';
import { DeviceDatabaseError, type DeviceDatabase } from './device-database';
import type { DeviceResetKind } from './device-reset';
import { EM_CODE, EM_MESSAGE, EmFailure, type EmRequest, type EmResponse } from './em-xml-codec';
import type { ClusterSpec, MultipleLoginBehavior } from './topology';

export interface EmEvent {
  readonly type: 'em';
  readonly at: string;
  readonly cluster: string;
  readonly op: string;
  readonly device?: string;
  readonly user?: string;
  readonly outcome: 'success' | 'failure';
  /** 0 on success, else the EM code. */
  readonly code: number;
  readonly [field: string]: unknown;
}

export interface EmServiceOptions {
  readonly spec: ClusterSpec;
  readonly database: DeviceDatabase;
  readonly resetDevice: (deviceName: string, kind: DeviceResetKind) => Promise<unknown>;
  readonly onEvent?: (event: EmEvent) => void;
}

export class ExtensionMobilityService {
  /** "Multiple Login Behavior" service parameter; starts from the topology, settable at run time. */
  multipleLoginBehavior: MultipleLoginBehavior;
  private readonly autoLogouts = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: EmServiceOptions) {
    this.multipleLoginBehavior = options.spec.extensionMobility.multipleLoginBehavior;
  }

  async handle(request: EmRequest): Promise<EmResponse> {
    const subject = this.subjectOf(request);
    try {
      if (!isAppUser(this.options.spec, request.appInfo.appId, request.appInfo.appCertificate)) {
        throw new EmFailure(EM_CODE.invalidAppUser, `Invalid app user '${request.appInfo.appId}'`);
      }
      const response = await this.dispatch(request);
      this.emit(request.kind, subject, 'success', 0);
      return response;
    } catch (error) {
      const failure = error instanceof EmFailure ? error
        : error instanceof DeviceDatabaseError ? new EmFailure(EM_CODE.database, error.message)
          : new EmFailure(EM_CODE.unknown, error instanceof Error ? error.message : String(error));
      this.emit(request.kind, subject, 'failure', failure.code);
      return { kind: 'failure', code: failure.code, message: failure.message };
    }
  }

  /** Records a request that failed before it could be decoded. */
  failed(failure: EmFailure): EmResponse {
    this.emit('unknown', {}, 'failure', failure.code);
    return { kind: 'failure', code: failure.code, message: failure.message };
  }

  /** Clears automatic-logout timers (lab stop). */
  stop(): void {
    for (const timer of this.autoLogouts.values()) clearTimeout(timer);
    this.autoLogouts.clear();
  }

  private subjectOf(request: EmRequest): { device?: string; user?: string } {
    switch (request.kind) {
      case 'login': return { device: request.deviceName, user: request.userId };
      case 'logout': return { device: request.deviceName };
      case 'deviceUserQuery': return request.deviceNames.length === 1 ? { device: request.deviceNames[0] ?? '' } : {};
      case 'userDevicesQuery': return request.userIds.length === 1 ? { user: request.userIds[0] ?? '' } : {};
    }
  }

  private emit(op: string, subject: { device?: string; user?: string }, outcome: 'success' | 'failure', code: number): void {
    this.options.onEvent?.({
      type: 'em', at: new Date().toISOString(), cluster: this.options.spec.id, op,
      ...(subject.device ? { device: subject.device } : {}),
      ...(subject.user ? { user: subject.user } : {}),
      outcome, code,
    });
  }

  private async dispatch(request: EmRequest): Promise<EmResponse> {
    const db = this.options.database;
    switch (request.kind) {
      case 'login':
        return this.login(request);
      case 'logout': {
        const device = db.getDevice(request.deviceName);
        if (device === null) throw new EmFailure(EM_CODE.deviceDoesNotExist);
        if (device.loggedInUser === null) throw new EmFailure(EM_CODE.noUserLoggedIn);
        await this.logoutAndRestart(device.name);
        return { kind: 'success' };
      }
      case 'deviceUserQuery':
        return {
          kind: 'deviceUserResults',
          results: request.deviceNames.map((name) => {
            const device = db.getDevice(name);
            if (device === null) return { device: name, state: 'doesNotExist' as const };
            return device.loggedInUser === null
              ? { device: device.name, state: 'none' as const }
              : { device: device.name, state: 'user' as const, userId: device.loggedInUser };
          }),
        };
      case 'userDevicesQuery':
        return {
          kind: 'userDevicesResults',
          results: request.userIds.map((id) => {
            const user = db.getUser(id);
            if (user === null) return { userId: id, state: 'doesNotExist' as const };
            const devices = db.devicesOfUser(user.userId);
            return devices.length === 0 ? { userId: user.userId, state: 'none' as const } : { userId: user.userId, state: 'devices' as const, devices };
          }),
        };
    }
  }

  private async login(request: Extract<EmRequest, { kind: 'login' }>): Promise<EmResponse> {
    const db = this.options.database;
    if (request.userId.trim() === '') throw new EmFailure(EM_CODE.blankUserId);
    const device = db.getDevice(request.deviceName);
    if (device === null) throw new EmFailure(EM_CODE.deviceDoesNotExist);
    const user = db.getUser(request.userId);
    if (user === null) throw new EmFailure(EM_CODE.userDoesNotExist);
    if (request.deviceProfile !== undefined && request.deviceProfile.toLowerCase() !== user.profileName.toLowerCase()) {
      throw new EmFailure(EM_CODE.deviceProfileNotFound);
    }
    if (!device.emEnabled) throw new EmFailure(EM_CODE.deviceLogonDisabled);
    if (device.loggedInUser !== null) {
      if (device.loggedInUser.toLowerCase() === user.userId.toLowerCase()) return { kind: 'success' };
      throw new EmFailure(EM_CODE.anotherUserLoggedIn);
    }
    const elsewhere = db.devicesOfUser(user.userId);
    if (elsewhere.length > 0) {
      if (this.multipleLoginBehavior === 'not-allowed') {
        throw new EmFailure(EM_CODE.multiLoginNotAllowed, `${EM_MESSAGE[EM_CODE.multiLoginNotAllowed]}: ${user.userId} is logged in on ${elsewhere.join(', ')}`);
      }
      if (this.multipleLoginBehavior === 'auto-logout') {
        for (const other of elsewhere) await this.logoutAndRestart(other);
      }
    }
    db.login(device.name, user.userId);
    if (request.duration !== undefined && request.duration !== 'indefinite') this.armAutoLogout(device.name, request.duration.minutes);
    await this.options.resetDevice(device.name, 'restart');
    return { kind: 'success' };
  }

  private async logoutAndRestart(deviceName: string): Promise<void> {
    this.disarmAutoLogout(deviceName);
    this.options.database.logout(deviceName);
    await this.options.resetDevice(deviceName, 'restart');
  }

  private armAutoLogout(deviceName: string, minutes: number): void {
    this.disarmAutoLogout(deviceName);
    const key = deviceName.toUpperCase();
    const timer = setTimeout(() => {
      this.autoLogouts.delete(key);
      const device = this.options.database.getDevice(deviceName);
      if (device?.loggedInUser == null) return;
      void this.logoutAndRestart(device.name).then(
        () => this.emit('autoLogout', { device: device.name, user: device.loggedInUser ?? '' }, 'success', 0),
        () => this.emit('autoLogout', { device: device.name }, 'failure', EM_CODE.database),
      );
    }, minutes * 60_000);
    timer.unref?.();
    this.autoLogouts.set(key, timer);
  }

  private disarmAutoLogout(deviceName: string): void {
    const key = deviceName.toUpperCase();
    const timer = this.autoLogouts.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.autoLogouts.delete(key);
  }
}
