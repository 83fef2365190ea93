import type { PhoneLaunch } from '../src-shared/host-contract';
import { HandsetView } from './handset/handset-view';
import type { PhoneStore } from './store/phone-store';
import type { ShellFactsStore } from './store/shell-facts-store';

export interface MountedPhone {
  readonly launch: PhoneLaunch;
  readonly store: PhoneStore;
  readonly facts: ShellFactsStore;
}

/** One handset, or several side by side with captions. */
export function PhonePage({ phones }: { readonly phones: readonly MountedPhone[] }) {
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
