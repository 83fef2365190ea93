import type { PhoneLaunch } from '../src-shared/host-contract';
import { HandsetView } from './handset/handset-view';
import type { PhoneStore } from './store/phone-store';
import type { ShellFactsStore } from './store/shell-facts-store';
import { LabViewPanel } from './lab/lab-view';
import type { LabWatchStore } from './lab/lab-watcher';

export interface MountedPhone {
  readonly launch: PhoneLaunch;
  readonly store: PhoneStore;
  readonly facts: ShellFactsStore;
}

/** One handset, or several side by side with captions (and the lab view beside them when a lab runs). */
export function PhonePage({ phones, lab }: { readonly phones: readonly MountedPhone[]; readonly lab?: LabWatchStore }) {
  const single = phones.length === 1;
  return (
    <main className={`phone-page ${single ? 'phone-page--single' : 'phone-page--many'}`}>
      {phones.map(({ launch, store, facts }) => (
        <HandsetView
          key={launch.mac}
          phone={store}
          facts={facts}
          windowKeys={single}
          caption={single ? undefined : (launch.caption ?? `SEP${launch.mac}`)}
        />
      ))}
      {lab && <LabViewPanel lab={lab} />}
    </main>
  );
}

export function ShellProblem({ title, detail }: { readonly title: string; readonly detail: string }) {
  return (
    <main className="shell-problem" role="alert">
      <h1>{title}</h1>
      <p>{detail}</p>
    </main>
  );
}
