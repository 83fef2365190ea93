import type { LcdBody, LcdRow } from '../../src-firmware/phone-snapshot';

/**
 * The rows that fit on the panel, starting at the firmware's `scrollTop`.
 * If the selected row would fall below the window, the window follows it,
 * so the rocker's row is always on screen whatever window the firmware assumed.
 */
export function visibleRows(body: LcdBody, capacity: number): { readonly index: number; readonly row: LcdRow }[] {
  const selected = body.rows.findIndex((row) => row.selected === true);
  let first = Math.max(0, Math.min(body.scrollTop, body.rows.length - 1));
  if (selected >= 0 && selected >= first + capacity) first = selected - capacity + 1;
  if (selected >= 0 && selected < first) first = selected;
  return body.rows.slice(first, first + capacity).map((row, offset) => ({ index: first + offset, row }));
}
