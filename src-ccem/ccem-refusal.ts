/**
 * A login or logout the CCEM service refuses, with the screen a real EM
 * service shows (cisco-reference §4.3, §8.3): "Login is unavailable(n)" /
 * "Logout is unavailable(n)" with the EM code, or "Authentication Error"
 * (EMApp code 201) for a wrong PIN. `detail` is an optional second line.
 */
export const EMAPP_AUTHENTICATION_ERROR = 201;

export class CcemRefusal extends Error {
  constructor(
    readonly operation: 'login' | 'logout',
    /** EM code (cisco-reference §4.3), or 201 for "Authentication Error". */
    readonly code: number,
    readonly detail: string = '',
  ) {
    super(code === EMAPP_AUTHENTICATION_ERROR ? 'Authentication Error'
      : `${operation === 'login' ? 'Login' : 'Logout'} is unavailable(${code})`);
    this.name = 'CcemRefusal';
  }

  /** What the phone shows. */
  get screenText(): string {
    return this.detail === '' ? this.message : `${this.message}\n${this.detail}`;
  }
}
