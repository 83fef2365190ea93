/**
 * The 7960's LCD: a four-grey monochrome panel. Header (clock, primary
 * extension or label), line labels down the right beside their buttons, the
 * body (title and rows, the selected row inverted), the prompt line, and the
 * four softkey labels along the bottom. Renders the snapshot and nothing else.
 */
import type { PhoneSnapshot } from '../../src-firmware/phone-snapshot';
import type { PhoneStore } from '../store/phone-store';
import { useSnapshot } from '../store/use-snapshot';
import { LineIconGlyph } from './line-icon';
import { visibleRows } from './visible-rows';

/** Rows the body shows under a title bar, and beside the line labels at idle. */
const APP_ROWS = 9;
const IDLE_ROWS = 6;
/** The firmware's volume scale (0 … VOLUME_STEPS). */
const VOLUME_STEPS = 15;

export function LcdView({ phone }: { readonly phone: PhoneStore }) {
  const snapshot = useSnapshot(phone, (s) => s);
  const app = snapshot.body.title !== '';
  const contrast = 0.75 + Math.max(0, Math.min(15, snapshot.contrast)) * 0.04;
  return (
    <div
      className={`lcd ${app ? 'lcd--app' : 'lcd--idle'} lcd--${snapshot.state}`}
      data-testid="lcd"
      data-phone-state={snapshot.state}
      data-screen={snapshot.screen}
      role="region"
      aria-label="Phone display"
      style={{ filter: `contrast(${contrast.toFixed(2)})` }}
    >
      <div className="lcd-header" data-testid="lcd-header">
        <span className="lcd-clock" data-testid="lcd-clock">{snapshot.header.clock}</span>
        <span className="lcd-label" data-testid="lcd-label">{snapshot.header.label}</span>
      </div>
      <div className="lcd-main">
        <LcdBodyView snapshot={snapshot} capacity={app ? APP_ROWS : IDLE_ROWS} />
        <ol className="lcd-lines" aria-label="Line labels">
          {snapshot.lines.map((line, index) => (
            <li
              key={index}
              className={`lcd-line lcd-line--${line.kind}`}
              data-testid={`lcd-line-${index + 1}`}
              data-icon={line.icon}
            >
              <span className="lcd-line-label">{line.label}</span>
              <LineIconGlyph icon={line.icon} />
            </li>
          ))}
        </ol>
      </div>
      <div className="lcd-prompt" data-testid="lcd-prompt" aria-live="polite">
        {/^volume\b/i.test(snapshot.prompt) ? <VolumeBar volume={snapshot.audio.volume} label={snapshot.prompt} /> : snapshot.prompt}
      </div>
      <div className="lcd-softkeys">
        {snapshot.softkeys.map((label, index) => (
          <span key={index} className={`lcd-softkey ${label === '' ? 'lcd-softkey--blank' : ''}`} data-testid={`lcd-softkey-${index + 1}`}>
            {label}
          </span>
        ))}
      </div>
    </div>
  );
}

function LcdBodyView({ snapshot, capacity }: { readonly snapshot: PhoneSnapshot; readonly capacity: number }) {
  const { body } = snapshot;
  const showLogo = snapshot.state === 'booting' && body.rows.length === 0 && body.title === '';
  return (
    <div className="lcd-body" data-testid="lcd-body">
      {body.title !== '' && <div className="lcd-title" data-testid="lcd-title">{body.title}</div>}
      {showLogo && <BootLogo />}
      <ul className="lcd-rows">
        {visibleRows(body, capacity).map(({ index, row }) => (
          <li
            key={index}
            className={`lcd-row ${row.selected ? 'lcd-row--selected' : ''}`}
            data-testid={`lcd-row-${index + 1}`}
            data-selected={row.selected ? 'true' : undefined}
          >
            {row.icon && <LcdImageView image={row.icon} className="lcd-row-icon" testId={`lcd-row-icon-${index + 1}`} />}
            <span className="lcd-row-text">{row.text}</span>
            {row.value !== undefined && <span className="lcd-row-value">{row.value}</span>}
          </li>
        ))}
      </ul>
      {body.image && <LcdImageView image={body.image} />}
    </div>
  );
}

function VolumeBar({ volume, label }: { readonly volume: number; readonly label: string }) {
  return (
    <span className="lcd-volume" aria-label={`${label} ${volume}`}>
      <span className="lcd-volume-text">Volume</span>
      <span className="lcd-volume-bar" data-volume={volume}>
        {Array.from({ length: VOLUME_STEPS }, (_, step) => (
          <span key={step} className={`lcd-volume-step ${step < volume ? 'lcd-volume-step--on' : ''}`} />
        ))}
      </span>
    </span>
  );
}

function BootLogo() {
  return (
    <div className="lcd-boot-logo" aria-hidden="true">
      <div className="lcd-boot-bridge">
        {[3, 6, 9, 6, 3, 6, 9, 6, 3].map((height, index) => (
          <span key={index} style={{ height: `${height * 2}px` }} />
        ))}
      </div>
      <div className="lcd-boot-name">CISCO SYSTEMS</div>
    </div>
  );
}

const GREYS = ['#c3cdc4', '#8e9a92', '#56625b', '#1d2622'];

/** A 2-bit grey picture drawn pixel for pixel: the services-area image, or an IconMenu icon inside a row. */
function LcdImageView({ image, className = 'lcd-image', testId = 'lcd-image' }: {
  readonly image: NonNullable<PhoneSnapshot['body']['image']>;
  readonly className?: string;
  readonly testId?: string;
}) {
  const placed = className === 'lcd-image' ? { left: `${image.x}px`, top: `${image.y}px` } : {};
  return (
    <svg
      className={className}
      viewBox={`0 0 ${image.width} ${image.height}`}
      style={{ ...placed, width: `${image.width * 2}px` }}
      shapeRendering="crispEdges"
      data-testid={testId}
    >
      {image.pixels.map((level, index) =>
        level === 0 ? null : (
          <rect key={index} x={index % image.width} y={Math.floor(index / image.width)} width="1" height="1" fill={GREYS[level] ?? GREYS[3]} />
        ),
      )}
    </svg>
  );
}
