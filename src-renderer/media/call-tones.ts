/**
 * Ringing and ringback, made with Web Audio.
 *
 * Cadences follow the North American ones (ANSI T1.401, Telcordia GR-506):
 * ringback is 440 + 480 Hz, 2 s on, 4 s off; the ringer uses the same
 * 2 s / 4 s ring cadence with a warbled 1400 / 2060 Hz pair, close to a
 * 7960's default "Chirp"-less ring. The snapshot says which tone is wanted
 * (`PhoneSnapshot.tone`); the player only sounds it.
 */
import type { CallTone } from '../../src-firmware/phone-snapshot';

export interface ToneCadence {
  /** Frequencies mixed together, Hz. */
  readonly frequencies: readonly number[];
  readonly onMs: number;
  readonly offMs: number;
  /** Alternate the frequencies every this many ms instead of mixing them (a warble); 0 = mix. */
  readonly warbleMs: number;
  /** Linear gain while on. */
  readonly level: number;
}

export const TONE_CADENCES: Readonly<Record<Exclude<CallTone, 'none'>, ToneCadence>> = {
  ringback: { frequencies: [440, 480], onMs: 2000, offMs: 4000, warbleMs: 0, level: 0.08 },
  ringing: { frequencies: [1400, 2060], onMs: 2000, offMs: 4000, warbleMs: 50, level: 0.08 },
};

/** Whether a cadence is sounding `elapsedMs` after it started (the first burst starts at 0). */
export function cadenceIsOn(cadence: ToneCadence, elapsedMs: number): boolean {
  const period = cadence.onMs + cadence.offMs;
  return elapsedMs >= 0 && elapsedMs % period < cadence.onMs;
}

/**
 * Sounds one tone at a time through an AudioContext it creates on first use.
 * `play('none')` or `close()` stops it. Bursts are scheduled one period ahead
 * on the audio clock, so the cadence stays exact however busy the page is.
 */
export class WebAudioTonePlayer {
  private context: AudioContext | null = null;
  private current: CallTone = 'none';
  private nodes: { oscillators: OscillatorNode[]; gain: GainNode } | null = null;
  private timer: number | null = null;
  private volume = 1;

  /** The tone being sounded now ('none' when silent). */
  tone(): CallTone {
    return this.current;
  }

  /** 0…1, applied from the next burst on. */
  setVolume(volume: number): void {
    this.volume = Math.max(0, Math.min(1, volume));
  }

  play(tone: CallTone): void {
    if (tone === this.current) return;
    this.stopNodes();
    this.current = tone;
    if (tone === 'none') return;
    const context = (this.context ??= new AudioContext());
    void context.resume().catch(() => undefined);
    const cadence = TONE_CADENCES[tone];
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    const oscillators = cadence.frequencies.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    this.nodes = { oscillators, gain };
    const start = context.currentTime + 0.02;
    const schedule = (burstStart: number): void => {
      this.scheduleBurst(cadence, burstStart);
      const periodS = (cadence.onMs + cadence.offMs) / 1000;
      this.timer = window.setTimeout(() => schedule(burstStart + periodS), Math.max(0, (burstStart + periodS - context.currentTime - 0.5) * 1000));
    };
    schedule(start);
  }

  close(): void {
    this.play('none');
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private scheduleBurst(cadence: ToneCadence, at: number): void {
    if (!this.nodes) return;
    const level = cadence.level * this.volume;
    const gain = this.nodes.gain.gain;
    const onS = cadence.onMs / 1000;
    gain.setValueAtTime(0, at);
    gain.linearRampToValueAtTime(level, at + 0.01);
    gain.setValueAtTime(level, at + onS - 0.01);
    gain.linearRampToValueAtTime(0, at + onS);
    if (cadence.warbleMs > 0 && this.nodes.oscillators.length === 2) {
      const [low, high] = cadence.frequencies;
      const first = this.nodes.oscillators[0];
      const second = this.nodes.oscillators[1];
      if (first && second && low !== undefined && high !== undefined) {
        /* One oscillator alternates between the two frequencies; the other stays silent. */
        second.disconnect();
        const step = cadence.warbleMs / 1000;
        for (let t = 0, index = 0; t < onS; t += step, index++) first.frequency.setValueAtTime(index % 2 === 0 ? low : high, at + t);
      }
    }
  }

  private stopNodes(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
    if (!this.nodes) return;
    for (const oscillator of this.nodes.oscillators) {
      oscillator.stop();
      oscillator.disconnect();
    }
    this.nodes.gain.disconnect();
    this.nodes = null;
  }
}
