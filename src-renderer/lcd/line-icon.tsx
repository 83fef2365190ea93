import type { LineIcon } from '../../src-firmware/phone-snapshot';

/** The 7960's small line-state pictograms, drawn in LCD "ink" (currentColor). */
export function LineIconGlyph({ icon }: { readonly icon: LineIcon }) {
  if (icon === 'none') return <span className="lcd-icon" aria-hidden="true" />;
  return (
    <svg className={`lcd-icon lcd-icon--${icon}`} viewBox="0 0 12 12" aria-hidden="true" data-icon={icon}>
      {ICON_PATHS[icon]}
    </svg>
  );
}

const RECEIVER = 'M2 3.5 Q2 2 3.5 2 L8.5 2 Q10 2 10 3.5 L10 4.5 L8 4.5 L7.5 3.5 L4.5 3.5 L4 4.5 L2 4.5 Z';

const ICON_PATHS: Record<Exclude<LineIcon, 'none'>, React.ReactNode> = {
  'line-unregistered': (
    <>
      <path d={RECEIVER} fill="currentColor" />
      <path d="M2 10 L10 6" stroke="currentColor" strokeWidth="1.2" />
    </>
  ),
  'line-idle': (
    <>
      <path d={RECEIVER} fill="currentColor" />
      <rect x="3" y="6" width="6" height="4" fill="currentColor" />
    </>
  ),
  'line-offhook': (
    <>
      <path d={RECEIVER} fill="currentColor" transform="rotate(-25 6 3)" />
      <rect x="3" y="6" width="6" height="4" fill="currentColor" />
    </>
  ),
  'line-ringing': (
    <path d="M6 1 Q9 1 9 5 L9 8 L10.5 9.5 L1.5 9.5 L3 8 L3 5 Q3 1 6 1 Z M5 10.2 L7 10.2 L6 11.5 Z" fill="currentColor" />
  ),
  'line-connected': (
    <>
      <path d={RECEIVER} fill="currentColor" />
      <path d="M3 8 L5 10 L9.5 5.5" stroke="currentColor" strokeWidth="1.4" fill="none" />
    </>
  ),
  'line-hold': (
    <>
      <rect x="2" y="2" width="3" height="8" fill="currentColor" />
      <rect x="7" y="2" width="3" height="8" fill="currentColor" />
    </>
  ),
  'speed-dial': (
    <path d="M6 1 L7.5 4.5 L11 4.7 L8.3 7 L9.2 10.8 L6 8.8 L2.8 10.8 L3.7 7 L1 4.7 L4.5 4.5 Z" fill="currentColor" />
  ),
  service: (
    <>
      <circle cx="6" cy="6" r="4.5" stroke="currentColor" fill="none" />
      <path d="M1.5 6 L10.5 6 M6 1.5 Q3 6 6 10.5 M6 1.5 Q9 6 6 10.5" stroke="currentColor" fill="none" strokeWidth="0.8" />
    </>
  ),
};
