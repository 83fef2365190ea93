/**
 * The call manager's reset/restart command (cisco-reference.md §6): an
 * out-of-dialog NOTIFY with `Event: service-control` and a text body of
 * `key=value` lines, or the older `Event: check-sync`.
 */
export interface ServiceControlCommand {
  readonly action: 'restart' | 'reset' | 'other';
  /** RegisterCallId without its braces; '' when the body has none (check-sync). */
  readonly registerCallId: string;
  readonly configVersionStamp: string;
  readonly event: 'service-control' | 'check-sync';
}

/** Reads a NOTIFY's Event header and body; null when it is neither kind. */
export function readServiceControl(eventHeader: string, body: string): ServiceControlCommand | null {
  const event = eventHeader.split(';')[0]?.trim().toLowerCase() ?? '';
  if (event === 'check-sync') {
    const reboot = /;\s*reboot\s*=\s*true/i.test(eventHeader);
    return { action: reboot ? 'reset' : 'restart', registerCallId: '', configVersionStamp: '', event: 'check-sync' };
  }
  if (event !== 'service-control') return null;
  const fields = new Map<string, string>();
  for (const line of body.split(/\r?\n/)) {
    const equals = line.indexOf('=');
    if (equals > 0) fields.set(line.slice(0, equals).trim().toLowerCase(), line.slice(equals + 1).trim().replace(/^\{|\}$/g, ''));
  }
  const action = (fields.get('action') ?? '').toLowerCase();
  return {
    action: action === 'restart' || action === 'reset' ? action : 'other',
    registerCallId: fields.get('registercallid') ?? '',
    configVersionStamp: fields.get('configversionstamp') ?? '',
    event: 'service-control',
  };
}
