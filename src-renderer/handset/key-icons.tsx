/** The pictograms printed on the 7960's mode and function keys. */

export function EnvelopeIcon() {
  return (
    <svg viewBox="0 0 24 16" className="key-icon" aria-hidden="true">
      <rect x="1" y="1" width="22" height="14" rx="1" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M1.5 1.5 L12 9 L22.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

export function BookIcon() {
  return (
    <svg viewBox="0 0 24 18" className="key-icon" aria-hidden="true">
      <path d="M2 2 Q7 0 12 3 Q17 0 22 2 L22 16 Q17 14 12 17 Q7 14 2 16 Z M12 3 L12 17" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

export function SettingsIcon() {
  return (
    <svg viewBox="0 0 24 18" className="key-icon" aria-hidden="true">
      <rect x="2" y="2" width="6" height="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M3 5 L5 7 L8 2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="2" y="10" width="6" height="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M11 5 L22 5 M11 13 L22 13" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

export function GlobeIcon() {
  return (
    <svg viewBox="0 0 20 20" className="key-icon" aria-hidden="true">
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M2 10 L18 10 M10 2 Q5 10 10 18 M10 2 Q15 10 10 18" fill="none" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}

export function InfoIcon() {
  return (
    <svg viewBox="0 0 20 20" className="key-icon" aria-hidden="true">
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M10 8.5 L10 15" stroke="currentColor" strokeWidth="2.2" />
      <circle cx="10" cy="5.5" r="1.3" fill="currentColor" />
    </svg>
  );
}

export function HeadsetIcon() {
  return (
    <svg viewBox="0 0 24 20" className="key-icon" aria-hidden="true">
      <path d="M4 12 Q4 3 12 3 Q20 3 20 12" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <rect x="2" y="11" width="4" height="6" rx="1" fill="currentColor" />
      <rect x="18" y="11" width="4" height="6" rx="1" fill="currentColor" />
      <path d="M4 17 Q6 19 11 18.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

export function SpeakerIcon() {
  return (
    <svg viewBox="0 0 24 20" className="key-icon" aria-hidden="true">
      <path d="M3 7 L7 7 L12 3 L12 17 L7 13 L3 13 Z" fill="currentColor" />
      <path d="M15 6.5 Q18 10 15 13.5 M17.5 4 Q22 10 17.5 16" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

export function MuteIcon() {
  return (
    <svg viewBox="0 0 24 20" className="key-icon" aria-hidden="true">
      <rect x="9" y="2" width="6" height="10" rx="3" fill="currentColor" />
      <path d="M6 9 Q6 15 12 15 Q18 15 18 9 M12 15 L12 18" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M4 2 L20 18" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
