/**
 * The CCEM engine (design.md §2): logs users in and out across clusters
 * speaking only AXL and the EM API, as a saga journalled in `SagaJournal`
 * (states and steps: session-state.ts). No HTTP in here (`ccem-http.ts`).
 *
 * Login(device, user, PIN), under a lock on the device and the user:
 *   blank user or PIN → 2 · user locked → 4 · a session on the device → 18 ·
 *   home cluster (cluster-directory.ts) · PIN checked by the home cluster
 *   (AXL doAuthenticateUser) → wrong: "Authentication Error" (201), the
 *   `maxFailures`-th wrong PIN in a row locks the user for `lockMinutes` ·
 *   the user's other sessions by Multiple Login Behavior (not-allowed → 25,
 *   auto-logout → each logged out fully first, allowed) · the phone's
 *   current cluster · then
 *   - same cluster: em-login (the EM login restarts the phone);
 *   - else: refused with 37 before any change when `SEPCCC…` exists in the
 *     visiting cluster or the phone's name exists in the home cluster; then
 *     add-temporary → rename-away → em-login → restart.
 *   Any fault undoes the steps taken, newest first, and answers
 *   "Login is unavailable(n)" (n from cluster-errors.ts `emCodeOf`).
 *
 * Logout(device): rename-back → em-logout → remove-temporary (cross-cluster;
 *   the EM logout restarts the phone, which is registered with the home
 *   cluster as the temporary device, after its own name is back in the
 *   visiting cluster); em-logout (same cluster). Always finished forward.
 *
 * Every step is journalled `planned` before it is taken and `done` after.
 * `recover()` finishes or undoes every open session: a login whose em-login
 * is done goes forward (restart, logged-in), any other login is rolled back;
 * a logout goes forward; logged-in sessions get their auto-logout timers
 * back (an expired one logs out at once). Undo and forward steps check the
 * clusters first, so running one twice is harmless. A saga that cannot reach
 * a cluster stays open and is retried every `retryMs`.
 *
 * PINs go only into the home cluster's doAuthenticateUser request: never into
 * the journal, an event or an error.
 */
import { randomUUID } from 'node:crypto';
import { AxlClient } from './axl-client';
import { maxLoginMs, type CcemCluster, type CcemOptions } from './ccem-config';
import type { LoggedInFacts } from './ccem-screens';
import { CcemRefusal, EMAPP_AUTHENTICATION_ERROR } from './ccem-refusal';
import { CCEM_TEMPORARY_PREFIX, ClusterDirectory } from './cluster-directory';
import { AXL_NOT_FOUND, AxlFaultError, EM_CODES, emCodeOf, EmFailureError, surelyNotTaken } from './cluster-errors';
import { EmClient } from './em-client';
import { KeyedMutex } from './keyed-mutex';
import type { SagaJournal, SessionRecord } from './saga-journal';
import { SagaStep, SessionState } from './session-state';

export interface CcemEvent {
  readonly type: 'ccem';
  readonly at: string;
  readonly user: string;
  readonly device: string;
  /** A saga step, or `login` / `logout` / `recover` / `auto-logout` for the whole. */
  readonly step: string;
  readonly outcome: string;
  readonly code?: number;
  readonly [field: string]: unknown;
}

/** A session as `/api/state` shows it. */
export interface SessionView {
  readonly user: string;
  readonly device: string;
  readonly home: string;
  readonly visiting: string;
  /** The session state, or the step in progress (`rename-away:planned`). */
  readonly step: string;
  readonly since: string;
  readonly expires: string | null;
}

export interface CcemEngineOptions {
  readonly clusters: readonly CcemCluster[];
  readonly journal: SagaJournal;
  readonly options?: CcemOptions;
  readonly onEvent?: (event: CcemEvent) => void;
}

const DEVICE_NAME = /^SEP[0-9A-F]{12}$/;
/** setTimeout's ceiling (2^31 − 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

/** `SEP` + MAC with the MAC's first three hex digits replaced by `CCC` (design.md §2). */
export function renamedDeviceName(device: string): string {
  return `SEPCCC${device.slice(6)}`;
}

export class CcemEngine {
  private readonly axl = new Map<string, AxlClient>();
  private readonly em = new Map<string, EmClient>();
  private readonly directory: ClusterDirectory;
  private readonly mutex = new KeyedMutex();
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly options: CcemOptions;

  constructor(private readonly config: CcemEngineOptions) {
    this.options = config.options ?? {};
    const timeoutMs = this.options.requestTimeoutMs ?? 5000;
    for (const cluster of config.clusters) {
      this.axl.set(cluster.id, new AxlClient({
        cluster: cluster.id, url: cluster.axlUrl, user: cluster.appUser.id, password: cluster.appUser.password, timeoutMs,
        ...(cluster.axlVersion === undefined ? {} : { version: cluster.axlVersion }),
      }));
      this.em.set(cluster.id, new EmClient({
        cluster: cluster.id, url: cluster.emUrl, appId: cluster.appUser.id, appCertificate: cluster.appUser.password, timeoutMs,
      }));
    }
    this.directory = new ClusterDirectory(this.axl, this.options.homeRules ?? []);
  }

  /** The open session on a device (any state but final), or null. */
  sessionOn(device: string): SessionRecord | null {
    const name = device.toUpperCase();
    return this.config.journal.openSessions().find((s) => s.device.toUpperCase() === name) ?? null;
  }

  sessions(): SessionView[] {
    return this.config.journal.openSessions().map((session) => {
      const steps = this.config.journal.steps(session.id);
      const last = steps.reduce<(typeof steps)[number] | undefined>((newest, step) => (newest === undefined || step.at >= newest.at ? step : newest), undefined);
      const inProgress = session.state !== SessionState.LoggedIn && last !== undefined;
      return {
        user: session.userId,
        device: session.device,
        home: session.home,
        visiting: session.visiting,
        step: inProgress ? `${last.step}:${last.status}` : session.state,
        since: new Date(session.since).toISOString(),
        expires: session.expires === null ? null : new Date(session.expires).toISOString(),
      };
    });
  }

  /** What the logged-in screen shows; name and DN from the home cluster when it answers. */
  async describe(session: SessionRecord): Promise<LoggedInFacts> {
    const user = await this.axlOf(session.home).getUser(session.userId).catch(() => null);
    return {
      user: session.userId, name: user?.displayName ?? '', dn: user?.telephoneNumber ?? '', home: session.home,
      since: new Date(session.since), expires: session.expires === null ? null : new Date(session.expires),
    };
  }

  /** Logs a user in; resolves with the logged-in session or rejects with a `CcemRefusal`. */
  async login(deviceName: string, userId: string, pin: string): Promise<SessionRecord> {
    const device = deviceName.trim().toUpperCase();
    const user = userId.trim();
    if (user === '' || pin === '') throw this.refuse('login', user, device, new CcemRefusal('login', EM_CODES.blankUserIdOrPin));
    if (!DEVICE_NAME.test(device)) throw this.refuse('login', user, device, new CcemRefusal('login', EM_CODES.deviceDoesNotExist));
    try {
      const session = await this.mutex.run([`device:${device}`, `user:${user.toLowerCase()}`], () => this.loginLocked(device, user, pin));
      this.emit(session.userId, device, 'login', 'success');
      return session;
    } catch (error) {
      throw this.refuse('login', user, device, error instanceof CcemRefusal ? error : new CcemRefusal('login', emCodeOf(error), (error as Error).message));
    }
  }

  /** Logs out whoever the CCEM service logged in on the device. */
  async logout(deviceName: string, reason = 'phone'): Promise<void> {
    const device = deviceName.trim().toUpperCase();
    const session = this.sessionOn(device);
    if (session === null) throw this.refuse('logout', '', device, new CcemRefusal('logout', EM_CODES.noUserLoggedIn));
    try {
      await this.mutex.run([`device:${device}`, `user:${session.userId.toLowerCase()}`], () => this.logoutLocked(device, reason));
      this.emit(session.userId, device, 'logout', 'success', undefined, { reason });
    } catch (error) {
      throw this.refuse('logout', session.userId, device, error instanceof CcemRefusal ? error
        : new CcemRefusal('logout', emCodeOf(error), (error as Error).message));
    }
  }

  /** Finishes or undoes every open session; re-arms auto-logout timers. Resolves when every session was tried. */
  async recover(): Promise<void> {
    let pending = false;
    for (const session of this.config.journal.openSessions()) {
      try {
        await this.mutex.run([`device:${session.device.toUpperCase()}`, `user:${session.userId.toLowerCase()}`], () => this.recoverLocked(session.id));
      } catch (error) {
        pending = true;
        this.emit(session.userId, session.device, 'recover', 'pending', emCodeOf(error), { detail: (error as Error).message });
      }
    }
    if (pending) this.scheduleRetry();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /* ------------------------------------------------------------- login */

  private async loginLocked(device: string, userId: string, pin: string): Promise<SessionRecord> {
    const journal = this.config.journal;
    this.checkLockout(userId);
    const existing = this.sessionOn(device);
    if (existing !== null) throw new CcemRefusal('login', EM_CODES.anotherUserLoggedIn, `${existing.userId} is logged in`);

    const home = await this.directory.findHome(userId);
    const user = home.user.userid;
    const authenticated = await this.axlOf(home.cluster).authenticatePin(user, pin);
    if (!authenticated) throw this.wrongPin(user);
    if (journal.lockout(user).failures > 0) journal.setLockout(user, 0, null);

    const others = journal.openSessions().filter((s) => s.userId.toLowerCase() === user.toLowerCase());
    if (others.length > 0) {
      const behavior = this.options.multipleLoginBehavior ?? 'not-allowed';
      if (behavior === 'not-allowed') {
        throw new CcemRefusal('login', EM_CODES.multiLoginNotAllowed, `${user} is logged in on ${others.map((s) => s.device).join(', ')}`);
      }
      if (behavior === 'auto-logout') {
        for (const other of others) {
          await this.mutex.run([`device:${other.device.toUpperCase()}`], () => this.logoutLocked(other.device, 'auto-logout'));
          this.emit(user, other.device, 'logout', 'success', undefined, { reason: 'auto-logout' });
        }
      }
    }

    const where = await this.directory.findDevice(device);
    const since = Date.now();
    const limit = maxLoginMs(this.options);
    const expires = limit === undefined ? null : since + limit;
    if (where.cluster === home.cluster) {
      const session = journal.insertSession({
        id: randomUUID(), userId: user, device, renamed: null, model: where.phone.product,
        home: home.cluster, visiting: where.cluster, since, expires,
      });
      await this.runLogin(session, [[SagaStep.EmLogin, () => this.emOf(home.cluster).login(device, user)]]);
      return this.loggedIn(session.id);
    }

    const renamed = renamedDeviceName(device);
    const visitingAxl = this.axlOf(where.cluster);
    const homeAxl = this.axlOf(home.cluster);
    const [clash, twin] = await Promise.all([visitingAxl.getPhone(renamed), homeAxl.getPhone(device)]);
    if (clash !== null) throw new CcemRefusal('login', EM_CODES.duplicateDevice, `${renamed} already exists in ${where.cluster}`);
    if (twin !== null) throw new CcemRefusal('login', EM_CODES.duplicateDevice, `${device} already exists in ${home.cluster}`);
    const session = journal.insertSession({
      id: randomUUID(), userId: user, device, renamed, model: where.phone.product,
      home: home.cluster, visiting: where.cluster, since, expires,
    });
    await this.runLogin(session, [
      [SagaStep.AddTemporary, () => homeAxl.addPhone({
        name: device, product: where.phone.product || 'Cisco 7960', enableExtensionMobility: true,
        description: `${CCEM_TEMPORARY_PREFIX}: ${user} visiting from ${where.cluster}`,
      })],
      [SagaStep.RenameAway, () => visitingAxl.renamePhone(device, renamed)],
      [SagaStep.EmLogin, () => this.emOf(home.cluster).login(device, user)],
      [SagaStep.Restart, () => visitingAxl.doDeviceReset(renamed, 'restart')],
    ]);
    return this.loggedIn(session.id);
  }

  private async runLogin(session: SessionRecord, steps: readonly (readonly [SagaStep, () => Promise<unknown>])[]): Promise<void> {
    try {
      for (const [step, action] of steps) await this.takeStep(session, step, action);
    } catch (error) {
      try {
        await this.rollBack(session.id, error);
      } catch {
        this.scheduleRetry();
      }
      throw error;
    }
  }

  private loggedIn(id: string): SessionRecord {
    const session = this.config.journal.moveSession(id, SessionState.LoggedIn);
    this.armExpiry(session);
    return session;
  }

  private async takeStep(session: SessionRecord, step: SagaStep, action: () => Promise<unknown>): Promise<void> {
    this.config.journal.markStep(session.id, step, 'planned');
    this.emit(session.userId, session.device, step, 'planned');
    try {
      await action();
    } catch (error) {
      if (surelyNotTaken(error)) this.config.journal.markStep(session.id, step, 'failed');
      this.emit(session.userId, session.device, step, 'failed', emCodeOf(error), { detail: (error as Error).message });
      throw error;
    }
    this.config.journal.markStep(session.id, step, 'done');
    this.emit(session.userId, session.device, step, 'done');
  }

  /** Undoes the session's planned and done steps, newest first; rejects (session left rolling-back) when a cluster fails. */
  private async rollBack(id: string, cause: unknown): Promise<void> {
    const journal = this.config.journal;
    let session = journal.getSession(id);
    if (session === null) return;
    if (session.state === SessionState.LoggingIn) {
      session = journal.moveSession(id, SessionState.RollingBack, cause === null ? 'recovered' : (cause as Error).message);
    }
    const taken = journal.steps(id).filter((s) => s.status === 'planned' || s.status === 'done').reverse();
    for (const { step } of taken) {
      await this.undo(session, step);
      journal.markStep(id, step, 'undone');
      this.emit(session.userId, session.device, step, 'undone');
    }
    journal.moveSession(id, SessionState.RolledBack);
  }

  /** Compensation of one login step; checks the cluster first, so it may run more than once. */
  private async undo(session: SessionRecord, step: SagaStep): Promise<void> {
    switch (step) {
      case SagaStep.AddTemporary:
        await this.removeTemporary(session);
        return;
      case SagaStep.RenameAway:
        await this.renameBack(session);
        return;
      case SagaStep.EmLogin:
        await this.emLogoutIfOurs(session);
        return;
      default:
        return;
    }
  }

  /* ------------------------------------------------------------ logout */

  private async logoutLocked(device: string, reason: string): Promise<void> {
    const session = this.sessionOn(device);
    if (session === null) throw new CcemRefusal('logout', EM_CODES.noUserLoggedIn);
    if (session.state === SessionState.LoggedIn) this.config.journal.moveSession(session.id, SessionState.LoggingOut, reason);
    else if (session.state !== SessionState.LoggingOut) throw new CcemRefusal('logout', EM_CODES.noUserLoggedIn, `session is ${session.state}`);
    this.clearExpiry(session.id);
    try {
      await this.finishLogout(session);
    } catch (error) {
      this.scheduleRetry();
      throw error;
    }
  }

  private async finishLogout(session: SessionRecord): Promise<void> {
    if (session.renamed !== null) {
      await this.takeStep(session, SagaStep.RenameBack, () => this.renameBack(session));
      await this.takeStep(session, SagaStep.EmLogout, () => this.emLogoutIfOurs(session));
      await this.takeStep(session, SagaStep.RemoveTemporary, () => this.removeTemporary(session));
    } else {
      await this.takeStep(session, SagaStep.EmLogout, () => this.emLogoutIfOurs(session));
    }
    this.config.journal.moveSession(session.id, SessionState.LoggedOut);
  }

  /* ----------------------------------------------------- idempotent steps */

  /** Visiting cluster: `SEPCCC…` back to `SEP…`, unless already so. */
  private async renameBack(session: SessionRecord): Promise<void> {
    if (session.renamed === null) return;
    const axl = this.axlOf(session.visiting);
    try {
      await axl.renamePhone(session.renamed, session.device);
    } catch (error) {
      if (!(error instanceof AxlFaultError) || error.axlcode !== AXL_NOT_FOUND) throw error;
      if (await axl.getPhone(session.device) === null) throw error;
    }
  }

  /** Home cluster: EM logout of the device when this session's user is logged in there. */
  private async emLogoutIfOurs(session: SessionRecord): Promise<void> {
    const em = this.emOf(session.home);
    const current = await em.deviceUser(session.device);
    if (typeof current !== 'string' || current.toLowerCase() !== session.userId.toLowerCase()) return;
    try {
      await em.logout(session.device);
    } catch (error) {
      if (!(error instanceof EmFailureError) || error.code !== EM_CODES.noUserLoggedIn) throw error;
    }
  }

  /** Home cluster: removes the temporary device, only when it is one (description prefix). */
  private async removeTemporary(session: SessionRecord): Promise<void> {
    if (session.renamed === null) return;
    const axl = this.axlOf(session.home);
    const phone = await axl.getPhone(session.device);
    if (phone === null || !phone.description.startsWith(CCEM_TEMPORARY_PREFIX)) return;
    try {
      await axl.removePhone(session.device);
    } catch (error) {
      if (!(error instanceof AxlFaultError) || error.axlcode !== AXL_NOT_FOUND) throw error;
    }
  }

  /* ----------------------------------------------------------- recovery */

  private async recoverLocked(id: string): Promise<void> {
    const journal = this.config.journal;
    const session = journal.getSession(id);
    if (session === null) return;
    switch (session.state) {
      case SessionState.LoggingIn: {
        const steps = journal.steps(id);
        const emLogin = steps.find((s) => s.step === SagaStep.EmLogin);
        if (emLogin?.status === 'done') {
          const restart = steps.find((s) => s.step === SagaStep.Restart);
          if (session.renamed !== null && restart?.status !== 'done') {
            await this.takeStep(session, SagaStep.Restart, () => this.axlOf(session.visiting).doDeviceReset(session.renamed ?? session.device, 'restart'));
          }
          this.loggedIn(id);
          this.emit(session.userId, session.device, 'recover', 'logged-in');
        } else {
          await this.rollBack(id, null);
          this.emit(session.userId, session.device, 'recover', 'rolled-back');
        }
        return;
      }
      case SessionState.RollingBack:
        await this.rollBack(id, null);
        this.emit(session.userId, session.device, 'recover', 'rolled-back');
        return;
      case SessionState.LoggingOut:
        await this.finishLogout(session);
        this.emit(session.userId, session.device, 'recover', 'logged-out');
        return;
      case SessionState.LoggedIn:
        this.armExpiry(session);
        return;
      default:
        return;
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer !== null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.recover();
    }, this.options.retryMs ?? 5000);
    this.retryTimer.unref?.();
  }

  /* ------------------------------------------------ auto-logout, lockout */

  private armExpiry(session: SessionRecord): void {
    this.clearExpiry(session.id);
    if (session.expires === null || this.stopped) return;
    const timer = setTimeout(() => {
      this.expiryTimers.delete(session.id);
      if (this.sessionOn(session.device)?.id !== session.id) return;
      void this.logout(session.device, 'max-login-time').catch(() => undefined);
    }, Math.min(MAX_TIMER_MS, Math.max(0, session.expires - Date.now())));
    timer.unref?.();
    this.expiryTimers.set(session.id, timer);
  }

  private clearExpiry(id: string): void {
    const timer = this.expiryTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.expiryTimers.delete(id);
  }

  private checkLockout(userId: string): void {
    const { lockedUntil } = this.config.journal.lockout(userId);
    if (lockedUntil === null) return;
    if (Date.now() < lockedUntil) {
      const minutes = Math.max(1, Math.ceil((lockedUntil - Date.now()) / 60_000));
      throw new CcemRefusal('login', EM_CODES.policy, `User locked: too many wrong PINs. Try again in ${minutes} min`);
    }
    this.config.journal.setLockout(userId, 0, null);
  }

  private wrongPin(userId: string): CcemRefusal {
    const lockout = this.options.lockout ?? {};
    const maxFailures = lockout.maxFailures ?? 5;
    const lockMs = lockout.lockMs ?? (lockout.lockMinutes ?? 15) * 60_000;
    const failures = this.config.journal.lockout(userId).failures + 1;
    const locked = failures >= maxFailures;
    this.config.journal.setLockout(userId, locked ? 0 : failures, locked ? Date.now() + lockMs : null);
    if (locked) this.emit(userId, '', 'lockout', 'locked', EM_CODES.policy);
    return new CcemRefusal('login', EMAPP_AUTHENTICATION_ERROR);
  }

  /* ------------------------------------------------------------ plumbing */

  private axlOf(cluster: string): AxlClient {
    const client = this.axl.get(cluster);
    if (client === undefined) throw new Error(`no cluster ${cluster} configured`);
    return client;
  }

  private emOf(cluster: string): EmClient {
    const client = this.em.get(cluster);
    if (client === undefined) throw new Error(`no cluster ${cluster} configured`);
    return client;
  }

  private refuse(operation: 'login' | 'logout', user: string, device: string, refusal: CcemRefusal): CcemRefusal {
    this.emit(user, device, operation, 'refused', refusal.code, refusal.detail === '' ? {} : { detail: refusal.detail });
    return refusal;
  }

  private emit(user: string, device: string, step: string, outcome: string, code?: number, extra: Record<string, unknown> = {}): void {
    this.config.onEvent?.({
      type: 'ccem', at: new Date().toISOString(), user, device, step, outcome,
      ...(code === undefined ? {} : { code }), ...extra,
    });
  }
}
