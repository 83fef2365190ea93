/**
 * Binds the CCEM engine to HTTP (phone-facing, cisco-reference §3.3: GET,
 * `text/xml`, URLs absolute from the `Host` the phone used):
 *
 * | path | answer |
 * | --- | --- |
 * | `GET /ccem/login?device=SEP…` | CiscoIPPhoneInput (User ID `userid` A, PIN `pin` NP), or who is logged in with Logout / Exit |
 * | `GET /ccem/login/submit?device=&userid=&pin=` | "Login successful", or the EM error screen |
 * | `GET /ccem/logout?device=` | "Logout successful", or "Logout is unavailable(n)" |
 * | `GET /api/sessions` | JSON `{ sessions: SessionView[] }` |
 *
 * Query parameter names are matched case-insensitively. The PIN is read from
 * the query and handed to the engine only.
 */
import type { HttpReply, HttpRequestInfo, HttpRouter } from '../src-lab/http-router';
import { jsonReply } from '../src-lab/http-router';
import { phoneXmlReply } from '../src-lab/phone-xml-objects';
import type { CcemEngine } from './ccem-engine';
import { CcemRefusal } from './ccem-refusal';
import { CCEM_PATHS, loggedInXml, loginInputXml, messageXml } from './ccem-screens';

/**
 * The success screens close themselves (the SDK's `Refresh` header with an
 * internal URI): the phone is about to restart, and if the call manager's
 * restart overtook this answer, the screen must not linger on the new idle.
 */
const CLOSE_AFTER_A_MOMENT = { refresh: '3; url=SoftKey:Exit' } as const;

function param(request: HttpRequestInfo, name: string): string {
  for (const [key, value] of request.url.searchParams) if (key.toLowerCase() === name) return value;
  return '';
}

function refusalReply(error: unknown): HttpReply {
  const text = error instanceof CcemRefusal ? error.screenText : 'Login is unavailable(0)';
  return phoneXmlReply(messageXml(text, 'Error'));
}

export function mountCcem(router: HttpRouter, engine: CcemEngine): void {
  const base = (request: HttpRequestInfo): string => request.url.origin;

  router.add('GET', CCEM_PATHS.login, async (request) => {
    const device = param(request, 'device').toUpperCase();
    const session = device === '' ? null : engine.sessionOn(device);
    if (session === null) return phoneXmlReply(loginInputXml(base(request), device));
    const facts = await engine.describe(session);
    return phoneXmlReply(loggedInXml(base(request), device, facts));
  });

  router.add('GET', CCEM_PATHS.submit, async (request) => {
    try {
      await engine.login(param(request, 'device'), param(request, 'userid'), param(request, 'pin'));
      return phoneXmlReply(messageXml('Login successful', 'The phone restarts'), CLOSE_AFTER_A_MOMENT);
    } catch (error) {
      return refusalReply(error);
    }
  });

  router.add('GET', CCEM_PATHS.logout, async (request) => {
    try {
      await engine.logout(param(request, 'device'));
      return phoneXmlReply(messageXml('Logout successful', 'The phone restarts'), CLOSE_AFTER_A_MOMENT);
    } catch (error) {
      return refusalReply(error);
    }
  });

  router.add('GET', '/api/sessions', () => jsonReply({ sessions: engine.sessions() }));
}
