/**
 * The shape every benchmark section reports, and the table `npm run bench`
 * prints. A row may carry a peer measured in the same run (e.g. tftpd-hpa)
 * and the ratio value / peer.value.
 */

export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly peer?: { readonly name: string; readonly value: number };
  readonly ratio?: number;
}

export interface BenchSection {
  readonly title: string;
  readonly rows: readonly BenchRow[];
  /** Why a part was skipped (a missing peer binary…). */
  readonly notes?: readonly string[];
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function formatSection(section: BenchSection): string {
  const header = ['measure', 'value', 'unit', 'peer', 'peer value', 'ratio'];
  const rows = section.rows.map((row) => [
    row.name, format(row.value), row.unit, row.peer?.name ?? '', row.peer ? format(row.peer.value) : '',
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [
    `## ${section.title}`,
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    ...(section.notes ?? []).map((note) => `note: ${note}`),
  ].join('\n');
}
