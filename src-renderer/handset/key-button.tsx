import type { ReactNode } from 'react';
import type { LampState } from '../../src-firmware/phone-snapshot';

/**
 * One physical key. `control` is its test ID; `pressed` shows the key held
 * down by the computer keyboard (the mouse uses :active). A lamp, if given,
 * lights the key the way the 7960's LEDs do.
 */
export interface KeyButtonProps {
  readonly control: string;
  readonly label: string;
  readonly className: string;
  readonly pressed: boolean;
  readonly onPress: (control: string) => void;
  readonly lamp?: LampState;
  readonly toggled?: boolean;
  readonly children?: ReactNode;
}

export function KeyButton({ control, label, className, pressed, onPress, lamp, toggled, children }: KeyButtonProps) {
  const lampClass = lamp === undefined ? '' : ` lamp lamp--${lamp}`;
  return (
    <button
      type="button"
      className={`key ${className}${lampClass}${pressed ? ' key--pressed' : ''}`}
      data-testid={control}
      data-lamp={lamp}
      aria-label={label}
      aria-pressed={toggled}
      onClick={() => onPress(control)}
    >
      {children}
    </button>
  );
}
