import type { LampState } from '../../src-firmware/phone-snapshot';

/**
 * The handset in its cradle, with the red light strip along its top. It is a
 * button: pressing it lifts the handset (off-hook) or hangs it up; the picture
 * follows the firmware's hook state, not the click.
 */
export function HandsetReceiver(props: {
  readonly hook: 'on-hook' | 'off-hook';
  readonly lamp: LampState;
  readonly pressed: boolean;
  readonly onPress: (control: string) => void;
}) {
  const lifted = props.hook === 'off-hook';
  return (
    <div className={`cradle ${lifted ? 'cradle--empty' : ''}`}>
      <button
        type="button"
        className={`receiver ${lifted ? 'receiver--lifted' : ''}${props.pressed ? ' key--pressed' : ''}`}
        data-testid="handset"
        data-hook={props.hook}
        data-lamp={props.lamp}
        aria-label={lifted ? 'Handset (lifted; press to hang up)' : 'Handset (on hook; press to lift)'}
        aria-pressed={lifted}
        onClick={() => props.onPress('handset')}
      >
        <span className={`receiver-strip lamp lamp--${props.lamp}`} aria-hidden="true" />
        <span className="receiver-ear" aria-hidden="true">
          {Array.from({ length: 12 }, (_, index) => <i key={index} />)}
        </span>
        <span className="receiver-grip" aria-hidden="true" />
        <span className="receiver-mouth" aria-hidden="true">
          {Array.from({ length: 6 }, (_, index) => <i key={index} />)}
        </span>
      </button>
      <span className="cradle-hookswitch" aria-hidden="true" />
    </div>
  );
}
