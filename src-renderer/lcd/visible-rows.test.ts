import { describe, expect, it } from 'vitest';
import { visibleRows } from './visible-rows';

const rows = Array.from({ length: 11 }, (_, i) => ({ text: `${i + 1} Item`, selected: i === 0 }));

describe('the rows a scrolled LCD list shows', () => {
  it('starts at the firmware\'s scrollTop', () => {
    expect(visibleRows({ title: 'x', rows, scrollTop: 3 }, 5).map((entry) => entry.index)).toEqual([0, 1, 2, 3, 4]);
    const unselected = rows.map((row) => ({ text: row.text }));
    expect(visibleRows({ title: 'x', rows: unselected, scrollTop: 3 }, 5).map((entry) => entry.index)).toEqual([3, 4, 5, 6, 7]);
  });

  it('follows a selected row below the window', () => {
    const late = rows.map((row, i) => ({ text: row.text, selected: i === 9 }));
    expect(visibleRows({ title: 'x', rows: late, scrollTop: 0 }, 5).map((entry) => entry.index)).toEqual([5, 6, 7, 8, 9]);
  });

  it('shows nothing for an empty body', () => {
    expect(visibleRows({ title: '', rows: [], scrollTop: 0 }, 5)).toEqual([]);
  });
});
