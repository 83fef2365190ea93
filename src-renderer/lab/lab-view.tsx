import { useStore } from 'zustand';
import { testIdPart } from './lab-state';
import type { LabWatchStore } from './lab-watcher';

/** Each cluster's devices, live: name, DNs, registered ✓/✗, logged-in user (issue 6 demo). */
export function LabViewPanel({ lab }: { readonly lab: LabWatchStore }) {
  const view = useStore(lab, (state) => state.view);
  const problem = useStore(lab, (state) => state.problem);
  return (
    <aside className="lab-view" data-testid="lab-view" aria-label="Lab">
      <h2 className="lab-view-title">{view?.enterprise || 'Lab'}</h2>
      {problem && <p className="lab-view-problem" role="status">{problem}</p>}
      {view?.clusters.map((cluster) => (
        <section key={cluster.id} className="lab-cluster" data-testid={`lab-cluster-${testIdPart(cluster.id)}`}>
          <h3>{cluster.name}{cluster.region ? <span className="lab-cluster-region"> {cluster.region}</span> : null}</h3>
          <table>
            <thead>
              <tr><th scope="col">Device</th><th scope="col">DN</th><th scope="col" title="Registered">Reg</th><th scope="col">User</th></tr>
            </thead>
            <tbody>
              {cluster.devices.map((device) => (
                <tr
                  key={device.name}
                  data-testid={`lab-device-${testIdPart(device.name)}`}
                  data-registered={device.registered ? 'true' : 'false'}
                  title={device.description}
                  className={device.temporary ? 'lab-device--temporary' : undefined}
                >
                  <td className="lab-device-name">{device.name}</td>
                  <td className="lab-device-dns">{device.dns.join(', ')}</td>
                  <td className="lab-device-registered" aria-label={device.registered ? 'registered' : 'not registered'}>
                    {device.registered ? '✓' : '✗'}
                  </td>
                  <td className="lab-device-user">{device.loggedInUser ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </aside>
  );
}
