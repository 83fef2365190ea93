/**
 * Where a user lives and where a phone is (design.md §2 step 2), asked of the
 * clusters over AXL, all of them in parallel:
 *
 * - home cluster: a configured user-ID rule first; else `getUser` on every
 *   cluster — a configured DN rule on the user's telephoneNumber, else the
 *   cluster whose answer says `homeCluster` true, else the only cluster that
 *   knows the user (EMCC asks its remote clusters the same way,
 *   cisco-reference §8.1). Unknown → EM 23; no answer at all → 0.
 * - current cluster of a device: the cluster whose `getPhone` finds it, not
 *   counting CCEM temporary devices. None → EM 11; two → 37 (duplicate
 *   device, §8.2); a cluster without an answer while none found → 0.
 */
import type { AxlClient, AxlPhone, AxlUser } from './axl-client';
import { EM_CODES, emCodeOf } from './cluster-errors';
import type { HomeRule } from './ccem-config';
import { CcemRefusal } from './ccem-refusal';

/**
 * Description prefix of a CCEM temporary device. The lab's AXL maps it to its
 * database's `temporary` flag (src-lab/axl-service.ts, same literal); a real
 * CUCM keeps it as the description.
 */
export const CCEM_TEMPORARY_PREFIX = 'CCEM temporary';

export class ClusterDirectory {
  constructor(
    private readonly axl: ReadonlyMap<string, AxlClient>,
    private readonly rules: readonly HomeRule[] = [],
  ) {}

  async findHome(userId: string): Promise<{ cluster: string; user: AxlUser }> {
    const byId = this.rules.find((rule) => rule.userIdPattern !== undefined && new RegExp(rule.userIdPattern).test(userId));
    if (byId !== undefined) {
      const user = await this.client(byId.cluster).getUser(userId).catch((error: unknown) => {
        throw new CcemRefusal('login', emCodeOf(error), `${byId.cluster}: ${(error as Error).message}`);
      });
      if (user === null) throw new CcemRefusal('login', EM_CODES.userDoesNotExist);
      return { cluster: byId.cluster, user };
    }
    const answers = await Promise.allSettled([...this.axl.values()].map(async (client) => ({ cluster: client.cluster, user: await client.getUser(userId) })));
    const found: { cluster: string; user: AxlUser }[] = [];
    let failure: unknown = null;
    for (const answer of answers) {
      if (answer.status === 'rejected') failure = answer.reason;
      else if (answer.value.user !== null) found.push({ cluster: answer.value.cluster, user: answer.value.user });
    }
    if (found.length === 0) {
      if (failure !== null) throw new CcemRefusal('login', emCodeOf(failure), (failure as Error).message);
      throw new CcemRefusal('login', EM_CODES.userDoesNotExist);
    }
    const dn = found.find((f) => f.user.telephoneNumber !== '')?.user.telephoneNumber ?? '';
    const byDn = this.rules.find((rule) => rule.dnPattern !== undefined && new RegExp(rule.dnPattern).test(dn));
    const ruled = byDn === undefined ? undefined : found.find((f) => f.cluster === byDn.cluster);
    if (ruled !== undefined) return ruled;
    const flagged = found.find((f) => f.user.homeCluster === true);
    if (flagged !== undefined) return flagged;
    const unflagged = found.filter((f) => f.user.homeCluster !== false);
    if (unflagged.length === 1 && unflagged[0] !== undefined) return unflagged[0];
    throw new CcemRefusal('login', EM_CODES.userDoesNotExist, 'no cluster is home to this user');
  }

  async findDevice(name: string): Promise<{ cluster: string; phone: AxlPhone }> {
    const answers = await Promise.allSettled([...this.axl.values()].map(async (client) => ({ cluster: client.cluster, phone: await client.getPhone(name) })));
    const found: { cluster: string; phone: AxlPhone }[] = [];
    let failure: unknown = null;
    for (const answer of answers) {
      if (answer.status === 'rejected') failure = answer.reason;
      else if (answer.value.phone !== null && !answer.value.phone.description.startsWith(CCEM_TEMPORARY_PREFIX)) {
        found.push({ cluster: answer.value.cluster, phone: answer.value.phone });
      }
    }
    if (found.length > 1) throw new CcemRefusal('login', EM_CODES.duplicateDevice, `${name} exists in ${found.map((f) => f.cluster).join(' and ')}`);
    const only = found[0];
    if (only !== undefined) return only;
    if (failure !== null) throw new CcemRefusal('login', emCodeOf(failure), (failure as Error).message);
    throw new CcemRefusal('login', EM_CODES.deviceDoesNotExist);
  }

  private client(cluster: string): AxlClient {
    const client = this.axl.get(cluster);
    if (client === undefined) throw new Error(`no cluster ${cluster}`);
    return client;
  }
}
