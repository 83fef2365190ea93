import type { RunningCluster, RunningLab } from '../src-lab/lab';

/** A cluster of a running lab that the test's topology must have. */
export function clusterOf(lab: RunningLab, id: string): RunningCluster {
  const cluster = lab.cluster(id);
  if (!cluster) throw new Error(`the lab has no cluster "${id}"`);
  return cluster;
}
