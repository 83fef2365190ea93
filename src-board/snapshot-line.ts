import type { PhoneSnapshot } from '../src-firmware/phone-snapshot';

/**
 * The headless phone's `snapshot` answer: the LCD as plain text fields, the
 * shape QA scripts read (`header`, `body`, `prompt`, 4 softkeys, 6 lines).
 */
export function snapshotLine(snapshot: PhoneSnapshot): Record<string, unknown> {
  const rows = snapshot.body.rows.map((row) => (row.value !== undefined ? `${row.text}: ${row.value}` : row.text));
  return {
    type: 'snapshot',
    state: snapshot.state,
    screen: snapshot.screen,
    header: `${snapshot.header.clock} ${snapshot.header.label}`.trim(),
    title: snapshot.body.title,
    body: [snapshot.body.title, ...rows].filter((line) => line !== '').join('\n'),
    prompt: snapshot.prompt,
    softkeys: [...snapshot.softkeys],
    lines: snapshot.lines.map((line) => line.label),
    selected: snapshot.body.rows.findIndex((row) => row.selected === true),
    hook: snapshot.hook,
    deviceName: snapshot.deviceName,
  };
}
