/**
 * The lab's sample picture for `/services/image`: a 133 × 65, 2-bit image
 * drawn in code (no asset): a one-pixel black border, a grey gradient
 * background in four bands, and a bridge of vertical bars in the middle (in
 * the manner of the well-known logo). Levels: 0 white … 3 black.
 */
import { SERVICES_AREA } from './phone-xml-objects';

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** Row by row, 0–3. */
  readonly pixels: readonly number[];
}

/** Bar heights, left to right, as fractions of the bridge's height. */
const BARS = [0.3, 0.55, 1, 0.55, 0.3, 0.55, 1, 0.55, 0.3];
const BAR_WIDTH = 5;
const BAR_GAP = 4;
const BRIDGE_HEIGHT = 34;

export function labLogoImage(width: number = SERVICES_AREA.width, height: number = SERVICES_AREA.height): GreyImage {
  const pixels: number[] = [];
  const bridgeWidth = BARS.length * BAR_WIDTH + (BARS.length - 1) * BAR_GAP;
  const left = Math.floor((width - bridgeWidth) / 2);
  const base = Math.floor(height / 2 + BRIDGE_HEIGHT / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) {
        pixels.push(3);
        continue;
      }
      const inBridge = x >= left && x < left + bridgeWidth && (x - left) % (BAR_WIDTH + BAR_GAP) < BAR_WIDTH;
      const bar = BARS[Math.floor((x - left) / (BAR_WIDTH + BAR_GAP))] ?? 0;
      if (inBridge && y <= base && y > base - Math.round(bar * BRIDGE_HEIGHT)) {
        pixels.push(3);
        continue;
      }
      pixels.push(Math.min(2, Math.floor((x * 3) / width)));
    }
  }
  return { width, height, pixels };
}
