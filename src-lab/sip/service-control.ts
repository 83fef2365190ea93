/**
 * The call manager's reset / restart of a SIP phone (cisco-reference.md §6.1):
 * an out-of-dialog NOTIFY (RFC 3265 §3.2, no subscription) to the registered
 * contact, over the flow the REGISTER came on, with `Event: service-control`
 * and a `text/plain` body of `key=value` lines. The phone obeys only when
 * `RegisterCallId` is the Call-ID of its own REGISTER, and answers 200.
 *
 * Also `check-sync` (§6.2), which older 79xx SIP firmware understands.
 */
import type { Binding, Registrar } from './registrar';
import type { SipProxy } from './proxy';
import { newCallId, newTag } from './sip-ids';
import type { SipHeader, SipRequest } from './sip-message';

export type ServiceControlAction = 'restart' | 'reset';

export const ZERO_STAMP = '00000000-0000-0000-0000-000000000000';

/** Version stamps the phone compares with what it has; all-zero means "everything is stale". */
export interface VersionStamps {
  readonly config: string;
  readonly dialplan?: string;
  readonly softkey?: string;
}

/** The DN has no live binding to send to. */
export class NotRegisteredError extends Error {
  constructor(readonly dn: string) {
    super(`${dn} is not registered`);
    this.name = 'NotRegisteredError';
  }
}

/**
 * §6.1 body, CRLF-terminated lines:
 * `action=restart`, `RegisterCallId={<call-id>}`, `ConfigVersionStamp={…}`,
 * `DialplanVersionStamp={…}`, `SoftkeyVersionStamp={…}`.
 */
export function serviceControlBody(action: ServiceControlAction, registerCallId: string, stamps: VersionStamps): string {
  return [
    `action=${action}`,
    `RegisterCallId={${registerCallId}}`,
    `ConfigVersionStamp={${stamps.config}}`,
    `DialplanVersionStamp={${stamps.dialplan ?? ZERO_STAMP}}`,
    `SoftkeyVersionStamp={${stamps.softkey ?? ZERO_STAMP}}`,
  ].map((line) => `${line}\r\n`).join('');
}

/** Reads a service-control body into its keys, with `{…}` braces removed. */
export function parseServiceControlBody(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of body.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim().replace(/^\{(.*)\}$/, '$1');
  }
  return out;
}

export interface CallManagerIdentity {
  readonly clusterId: string;
  /** `host:port` of the SIP server, used in From and Contact. */
  readonly sentBy: string;
}

/** The NOTIFY for one binding: request-URI = the registered contact, To = the line's AOR. */
export function buildPhoneNotify(binding: Binding, identity: CallManagerIdentity, event: string, contentType: string | undefined, body: string): SipRequest {
  const headers: SipHeader[] = [
    { name: 'Max-Forwards', value: '70' },
    { name: 'From', value: `<sip:${identity.clusterId}@${identity.sentBy}>;tag=${newTag()}` },
    { name: 'To', value: `<${binding.aor}>` },
    { name: 'Call-ID', value: newCallId(identity.sentBy.split(':')[0] ?? 'lab') },
    { name: 'CSeq', value: '101 NOTIFY' },
    { name: 'Contact', value: `<sip:${identity.clusterId}@${identity.sentBy};transport=ws>` },
    { name: 'Event', value: event },
    { name: 'Subscription-State', value: 'active' },
  ];
  if (contentType) headers.push({ name: 'Content-Type', value: contentType });
  return { kind: 'request', method: 'NOTIFY', uri: binding.contact, headers, body };
}

export interface ServiceControlContext {
  readonly proxy: SipProxy;
  readonly registrar: Registrar;
  readonly identity: CallManagerIdentity;
  readonly timeoutMs?: number;
}

/**
 * Sends `action` to a line's phone and resolves with the phone's final status.
 * With a DN, the most recently registered binding of that line is used.
 * Rejects with `NotRegisteredError`, `SipRequestTimeoutError` or `SipFlowClosedError`.
 */
export async function sendServiceControl(
  context: ServiceControlContext,
  target: string | Binding,
  action: ServiceControlAction,
  stamps: VersionStamps | string,
): Promise<number> {
  const binding = resolveBinding(context.registrar, target);
  const versions = typeof stamps === 'string' ? { config: stamps } : stamps;
  const notify = buildPhoneNotify(binding, context.identity, 'service-control', 'text/plain', serviceControlBody(action, binding.callId, versions));
  const response = await context.proxy.sendRequest(binding.flow, notify, context.timeoutMs);
  return response.status;
}

/** §6.2: `Event: check-sync` with an empty body. */
export async function sendCheckSync(context: ServiceControlContext, target: string | Binding): Promise<number> {
  const binding = resolveBinding(context.registrar, target);
  const response = await context.proxy.sendRequest(binding.flow, buildPhoneNotify(binding, context.identity, 'check-sync', undefined, ''), context.timeoutMs);
  return response.status;
}

function resolveBinding(registrar: Registrar, target: string | Binding): Binding {
  if (typeof target !== 'string') return target;
  const binding = registrar.bindingsOf(target)[0];
  if (!binding) throw new NotRegisteredError(target);
  return binding;
}
