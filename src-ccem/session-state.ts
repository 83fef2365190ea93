/**
 * The life of one CCEM session (one user on one phone), a saga whose steps
 * each change a different system (design.md §2):
 *
 * ```
 *                        every login step done
 *   logging-in ────────────────────────────────────► logged-in
 *       │   (recover(): em-login done → finish forward)   │
 *       │                                                 │ logout (phone, max login
 *       │ a fault, or recover() before em-login is done   │ time, auto-logout policy)
 *       ▼                                                 ▼
 *   rolling-back ──► rolled-back              logging-out ──► logged-out
 *   (undo in reverse)                         (always finished forward)
 * ```
 *
 * `rolled-back` and `logged-out` are final. A saga stuck on an unreachable
 * cluster stays in `rolling-back` / `logging-out` and is retried.
 */
export enum SessionState {
  LoggingIn = 'logging-in',
  LoggedIn = 'logged-in',
  RollingBack = 'rolling-back',
  RolledBack = 'rolled-back',
  LoggingOut = 'logging-out',
  LoggedOut = 'logged-out',
}

const MOVES: Readonly<Record<SessionState, readonly SessionState[]>> = {
  [SessionState.LoggingIn]: [SessionState.LoggedIn, SessionState.RollingBack],
  [SessionState.LoggedIn]: [SessionState.LoggingOut],
  [SessionState.RollingBack]: [SessionState.RolledBack],
  [SessionState.RolledBack]: [],
  [SessionState.LoggingOut]: [SessionState.LoggedOut],
  [SessionState.LoggedOut]: [],
};

export class IllegalSessionMove extends Error {
  constructor(readonly from: SessionState, readonly to: SessionState) {
    super(`a session cannot move from ${from} to ${to}`);
    this.name = 'IllegalSessionMove';
  }
}

/** The one transition check; throws on an illegal move (a broken invariant). */
export function checkMove(from: SessionState, to: SessionState): void {
  if (!MOVES[from].includes(to)) throw new IllegalSessionMove(from, to);
}

export function isFinal(state: SessionState): boolean {
  return state === SessionState.RolledBack || state === SessionState.LoggedOut;
}

/**
 * The steps, each a change in one cluster. Login, cross-cluster:
 * add-temporary (home addPhone) → rename-away (visiting updatePhone newName
 * SEP→SEPCCC) → em-login (home EM login on the temporary device) → restart
 * (visiting doDeviceReset of the renamed device). Same cluster: em-login only
 * (the EM login restarts the phone itself, cisco-reference §4.4).
 * Logout, cross-cluster: rename-back → em-logout (restarts the phone, which is
 * registered in the home cluster as the temporary device) → remove-temporary.
 * Same cluster: em-logout.
 */
export enum SagaStep {
  AddTemporary = 'add-temporary',
  RenameAway = 'rename-away',
  EmLogin = 'em-login',
  Restart = 'restart',
  RenameBack = 'rename-back',
  EmLogout = 'em-logout',
  RemoveTemporary = 'remove-temporary',
}

/**
 * `planned` is written before the step is taken, `done` after; `failed` when
 * the cluster surely did not take it (a fault, or never reached); `undone`
 * after its compensation. Rollback undoes `planned` and `done` steps.
 */
export type StepStatus = 'planned' | 'done' | 'failed' | 'undone';
