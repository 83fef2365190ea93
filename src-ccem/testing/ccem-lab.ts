/**
 * Test cast for the CCEM stories: a lab with SIP on ephemeral ports (its
 * embedded CCEM service), the phone's submit as a real HTTP GET, and the
 * lab's view of where each device is.
 */
import { parseXml } from '../../src-firmware/xml/xml-parser';
import type { RunningLab } from '../../src-lab/lab';
import { childText } from '../../src-lab/xml-local-names';
import { clusterOf } from '../../testing/lab-clusters';

/** The Text of the CiscoIPPhoneText the CCEM service answers. */
export async function ccemGet(url: string): Promise<{ root: string; text: string; body: string }> {
  const response = await fetch(url);
  const body = await response.text();
  const root = parseXml(body);
  return { root: root.name, text: childText(root, 'Text') ?? '', body };
}

export function submitUrl(ccemUrl: string, device: string, userid: string, pin: string): string {
  return `${ccemUrl}/ccem/login/submit?${new URLSearchParams({ device, userid, pin }).toString()}`;
}

/** Device names of a cluster, sorted. */
export function deviceNames(lab: RunningLab, cluster: string): string[] {
  return clusterOf(lab, cluster).database.listDevices().map((d) => d.name).sort();
}

/** Every device of every cluster with who is logged in: a fingerprint of the whole enterprise. */
export function enterpriseState(lab: RunningLab): string {
  return lab.clusters.map((c) => `${c.id}: ${c.database.listDevices()
    .map((d) => `${d.name}${d.temporary ? '(temp)' : ''}${d.loggedInUser ? `=${d.loggedInUser}` : ''}`).join(' ')}`).join('\n');
}
