/**
 * A Cisco 7960-class handset drawn to scale (about 80 px per inch): LCD with
 * six line buttons beside it, four softkeys, the mode keys, the rocker, the
 * keypad, volume, headset/speaker/mute, and the receiver in its cradle.
 *
 * Every key calls the firmware through the store; nothing here holds phone
 * state. The only local state is which keys the computer keyboard holds down.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { keyFromControlName } from '../../src-firmware/keys';
import { useStore } from 'zustand';
import type { PhoneStore } from '../store/phone-store';
import type { ShellFactsStore } from '../store/shell-facts-store';
import { useSnapshot } from '../store/use-snapshot';
import { LcdView } from '../lcd/lcd-view';
import { HandsetReceiver } from './handset-receiver';
import { KeyButton } from './key-button';
import { BookIcon, EnvelopeIcon, GlobeIcon, HeadsetIcon, InfoIcon, MuteIcon, SettingsIcon, SpeakerIcon } from './key-icons';
import { keyboardPressOf } from './keyboard-map';

const KEYPAD: readonly { readonly control: string; readonly digit: string; readonly letters: string; readonly name: string }[] = [
  { control: 'key-1', digit: '1', letters: '', name: '1' },
  { control: 'key-2', digit: '2', letters: 'ABC', name: '2' },
  { control: 'key-3', digit: '3', letters: 'DEF', name: '3' },
  { control: 'key-4', digit: '4', letters: 'GHI', name: '4' },
  { control: 'key-5', digit: '5', letters: 'JKL', name: '5' },
  { control: 'key-6', digit: '6', letters: 'MNO', name: '6' },
  { control: 'key-7', digit: '7', letters: 'PQRS', name: '7' },
  { control: 'key-8', digit: '8', letters: 'TUV', name: '8' },
  { control: 'key-9', digit: '9', letters: 'WXYZ', name: '9' },
  { control: 'key-star', digit: '*', letters: '', name: 'star' },
  { control: 'key-0', digit: '0', letters: 'OPER', name: '0' },
  { control: 'key-pound', digit: '#', letters: '', name: 'pound' },
];

const HOLD_MS = 140;

export interface HandsetViewProps {
  readonly phone: PhoneStore;
  /** The shell's facts about this phone (its web server); none in tests. */
  readonly facts?: ShellFactsStore;
  readonly caption?: string;
  /** Take keyboard input from the whole window (single-phone page), not only when focus is inside. */
  readonly windowKeys: boolean;
}

export function HandsetView({ phone, facts, caption, windowKeys }: HandsetViewProps) {
  const lines = useSnapshot(phone, (s) => s.lines);
  const audio = useSnapshot(phone, (s) => s.audio);
  const hook = useSnapshot(phone, (s) => s.hook);
  const handsetLamp = useSnapshot(phone, (s) => s.handsetLamp);
  const deviceName = useSnapshot(phone, (s) => s.deviceName);
  const [held, setHeld] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Map<string, number>());

  const press = useCallback(
    (control: string) => {
      const key = keyFromControlName(control);
      if (key !== null) phone.press(key);
    },
    [phone],
  );

  const release = useCallback((control: string) => {
    timers.current.delete(control);
    setHeld((current) => {
      if (!current.has(control)) return current;
      const next = new Set(current);
      next.delete(control);
      return next;
    });
  }, []);

  /** Shows `control` held down until its key comes up, and at least HOLD_MS. */
  const hold = useCallback(
    (control: string) => {
      setHeld((current) => (current.has(control) ? current : new Set(current).add(control)));
      const previous = timers.current.get(control);
      if (previous !== undefined) window.clearTimeout(previous);
      timers.current.set(control, window.setTimeout(() => timers.current.delete(control), HOLD_MS));
    },
    [],
  );

  const letGo = useCallback(
    (control: string) => {
      const minimum = timers.current.get(control);
      if (minimum === undefined) {
        release(control);
        return;
      }
      window.clearTimeout(minimum);
      timers.current.set(control, window.setTimeout(() => release(control), HOLD_MS));
    },
    [release],
  );

  const onKey = useCallback(
    (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'preventDefault' | 'repeat'>) => {
      const keyPress = keyboardPressOf(event);
      if (keyPress === null) return;
      event.preventDefault();
      hold(keyPress.control);
      if (event.repeat && keyPress.action !== 'NavUp' && keyPress.action !== 'NavDwn') return;
      if (keyPress.action === 'back') phone.back();
      else phone.press(keyPress.action);
    },
    [phone, hold],
  );

  const onKeyUp = useCallback(
    (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>) => {
      const keyPress = keyboardPressOf(event);
      if (keyPress !== null) letGo(keyPress.control);
    },
    [letGo],
  );

  useEffect(() => {
    if (!windowKeys) return;
    const down = (event: KeyboardEvent) => onKey(event);
    const up = (event: KeyboardEvent) => onKeyUp(event);
    const releaseAll = () => setHeld(new Set());
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', releaseAll);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', releaseAll);
    };
  }, [windowKeys, onKey, onKeyUp]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
    };
  }, []);

  const onLocalKey = windowKeys ? undefined : (event: ReactKeyboardEvent) => onKey(event);
  const onLocalKeyUp = windowKeys ? undefined : (event: ReactKeyboardEvent) => onKeyUp(event);
  const key = (control: string, label: string, className: string, extra: Partial<Parameters<typeof KeyButton>[0]> = {}) => ({
    control,
    label,
    className,
    pressed: held.has(control),
    onPress: press,
    ...extra,
  });

  return (
    <figure className="handset-figure" data-device={deviceName}>
      <div className="phone" onKeyDown={onLocalKey} onKeyUp={onLocalKeyUp} role="group" aria-label={`IP phone ${deviceName}`}>
        <HandsetReceiver hook={hook} lamp={handsetLamp} pressed={held.has('handset')} onPress={press} />
        <div className="face">
          <div className="brand">
            <span className="brand-logo" aria-hidden="true">
              <span className="brand-bridge">
                {[2, 4, 6, 4, 2, 4, 6, 4, 2].map((height, index) => (
                  <i key={index} style={{ height: `${height * 1.5}px` }} />
                ))}
              </span>
              <b>CISCO SYSTEMS</b>
            </span>
            <span className="brand-model">IP PHONE 7960 SERIES</span>
          </div>
          <div className="display-block">
          <div className="bezel">
            <LcdView phone={phone} />
            <div className="line-keys">
              {lines.map((line, index) => (
                <KeyButton key={index} {...key(`line-${index + 1}`, `Line ${index + 1}`, 'line-key', { lamp: line.lamp })} />
              ))}
            </div>
          </div>
          <div className="softkeys">
            {[1, 2, 3, 4].map((n) => (
              <KeyButton key={n} {...key(`softkey-${n}`, `Softkey ${n}`, 'softkey')} />
            ))}
          </div>
          </div>
          <div className="controls">
            <div className="mode-keys">
              <KeyButton {...key('key-messages', 'Messages', 'mode-key')}>
                <EnvelopeIcon />
              </KeyButton>
              <KeyButton {...key('key-directories', 'Directories', 'mode-key')}>
                <BookIcon />
              </KeyButton>
              <KeyButton {...key('key-info', 'Information', 'mode-key mode-key--info')}>
                <InfoIcon />
              </KeyButton>
              <KeyButton {...key('key-settings', 'Settings', 'mode-key')}>
                <SettingsIcon />
              </KeyButton>
              <KeyButton {...key('key-services', 'Services', 'mode-key')}>
                <GlobeIcon />
              </KeyButton>
            </div>
            <div className="keypad">
              {KEYPAD.map((entry) => (
                <KeyButton key={entry.control} {...key(entry.control, `Keypad ${entry.name}`, 'keypad-key')}>
                  <span className="keypad-digit">{entry.digit}</span>
                  <span className="keypad-letters">{entry.letters}</span>
                </KeyButton>
              ))}
            </div>
            <div className="right-keys">
              <div className="rocker">
                <KeyButton {...key('nav-up', 'Scroll up', 'rocker-key rocker-key--up')}>
                  <span className="rocker-arrow" aria-hidden="true">▲</span>
                </KeyButton>
                <KeyButton {...key('nav-down', 'Scroll down', 'rocker-key rocker-key--down')}>
                  <span className="rocker-arrow" aria-hidden="true">▼</span>
                </KeyButton>
              </div>
              <div className="function-keys">
                <KeyButton {...key('key-headset', 'Headset', 'function-key', { lamp: audio.headset ? 'green' : 'off', toggled: audio.headset })}>
                  <HeadsetIcon />
                </KeyButton>
                <KeyButton {...key('key-speaker', 'Speaker', 'function-key', { lamp: audio.speaker ? 'green' : 'off', toggled: audio.speaker })}>
                  <SpeakerIcon />
                </KeyButton>
                <KeyButton {...key('key-mute', 'Mute', 'function-key', { lamp: audio.mute ? 'red' : 'off', toggled: audio.mute })}>
                  <MuteIcon />
                </KeyButton>
              </div>
            </div>
          </div>
          <div className="volume" data-volume={audio.volume}>
            <KeyButton {...key('key-vol-down', 'Volume down', 'volume-key volume-key--down')}>
              <span aria-hidden="true">−</span>
            </KeyButton>
            <span className="volume-label" aria-hidden="true">volume</span>
            <KeyButton {...key('key-vol-up', 'Volume up', 'volume-key volume-key--up')}>
              <span aria-hidden="true">+</span>
            </KeyButton>
          </div>
        </div>
      </div>
      {caption !== undefined && <figcaption className="handset-caption">{caption}</figcaption>}
      {facts && <WebServerNote facts={facts} />}
    </figure>
  );
}

/** Where the host runs this phone's web server (issue 5), under the handset. */
function WebServerNote({ facts }: { readonly facts: ShellFactsStore }) {
  const webUrl = useStore(facts, (state) => state.webUrl);
  const webNote = useStore(facts, (state) => state.webNote);
  if (!webUrl && !webNote) return null;
  return (
    <p className="handset-web-url" data-testid="phone-web-url" data-url={webUrl}>
      {webUrl ? <>Web server <a href={webUrl} target="_blank" rel="noreferrer">{webUrl}</a></> : null}
      {webNote ? <span className="handset-web-note"> {webNote}</span> : null}
    </p>
  );
}
