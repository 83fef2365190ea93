/**
 * How a cluster resets or restarts a phone (cisco-reference §6.1): CUCM sends
 * an out-of-dialog SIP NOTIFY `Event: service-control` with `action=reset` or
 * `action=restart` over the phone's registration. The lab makes that a hook on
 * each cluster, so the SIP registrar plugs in without the AXL and EM services
 * knowing about SIP.
 *
 * - `restart`: the phone fetches its cnf.xml again and re-registers.
 * - `reset`: the whole boot.
 *
 * Hook contract: resolve once the request was handed on (or recorded);
 * reject when it could not be delivered (e.g. the phone is not registered).
 * `DeviceResetter.reset` never rejects: CUCM's doDeviceReset and EM
 * login/logout succeed whether or not the phone answers, so the outcome only
 * goes to the event log (`{type:'reset', cluster, device, kind, via, outcome, detail?}`).
 */
import type { LabEventLog } from './lab-events';

export type DeviceResetKind = 'reset' | 'restart';

export type ResetDeviceHook = (deviceName: string, kind: DeviceResetKind) => Promise<unknown>;

export type ResetOutcome = 'delivered' | 'recorded' | 'failed';

export class DeviceResetter {
  private hook: ResetDeviceHook | null = null;

  /**
   * @param fallback used while no hook is set (the lab option, or the SIP
   *   registrar's service-control sender); null = only record the request.
   * @param fallbackName how events name the fallback (`via`), e.g. `sip`.
   */
  constructor(
    private readonly clusterId: string,
    private readonly events: LabEventLog,
    private readonly fallback: ResetDeviceHook | null = null,
    private readonly fallbackName = 'default',
  ) {}

  /** Replaces the hook; null goes back to the fallback (or to recording only). */
  setHook(hook: ResetDeviceHook | null): void {
    this.hook = hook;
  }

  async reset(deviceName: string, kind: DeviceResetKind): Promise<ResetOutcome> {
    const hook = this.hook ?? this.fallback;
    const via = this.hook !== null ? 'hook' : this.fallback !== null ? this.fallbackName : 'none';
    const record = (outcome: ResetOutcome, detail?: string): ResetOutcome => {
      this.events.add({
        type: 'reset', at: new Date().toISOString(), cluster: this.clusterId, device: deviceName, kind, via, outcome,
        ...(detail === undefined ? {} : { detail }),
      });
      return outcome;
    };
    if (hook === null) return record('recorded');
    try {
      await hook(deviceName, kind);
      return record('delivered');
    } catch (error) {
      return record('failed', error instanceof Error ? error.message : String(error));
    }
  }
}
