/**
 * `ccemConfigFromLab(lab)`: the CCEM configuration for a running lab — each
 * cluster's admin server carries AXL at `/axl/` and EM at
 * `/emservice/EMServiceServlet`, authenticated by the cluster's application
 * user (src-lab/README.md).
 */
import type { RunningLab } from '../src-lab/lab';
import type { CcemConfig, CcemOptions } from './ccem-config';

export function ccemConfigFromLab(lab: Pick<RunningLab, 'clusters'>, options: CcemOptions = {}): CcemConfig {
  return {
    clusters: lab.clusters.map((cluster) => ({
      id: cluster.id,
      axlUrl: `${cluster.adminUrl}/axl/`,
      emUrl: `${cluster.adminUrl}/emservice/EMServiceServlet`,
      appUser: { id: cluster.spec.appUser.id, password: cluster.spec.appUser.password },
      tftp: `${cluster.tftp.host}:${cluster.tftp.port}`,
      sip: cluster.sipUrl,
    })),
    options,
  };
}
