import type { PhoneLaunch } from '../src-shared/host-contract';

/**
 * What a shell needs of the embedded lab (`RunningLab` from src-lab/lab.ts
 * satisfies it): where its API lives, which phones to show, how to stop it.
 */
export interface LabHandle {
  readonly apiUrl: string;
  defaultPhones(): PhoneLaunch[] | readonly PhoneLaunch[];
  stop(): Promise<void>;
}
