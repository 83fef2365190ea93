import type { LcdImage, LineIcon, PhoneSnapshot } from '../phone-snapshot';
import { FONT_6X10, FONT_HEIGHT, FONT_WIDTH } from './font-6x10';

/**
 * The LCD as pixels: a 320 × 222 panel in four grey levels (0 = background,
 * 3 = darkest), drawn from a snapshot with the 6×10 bitmap font. It backs
 * `/CGI/Screenshot`; its layout follows the 7960's: header band, body with
 * the services area at its top-left, line labels down the right beside the
 * six buttons, prompt line, four softkey labels along the bottom.
 */
export const LCD_WIDTH = 320;
export const LCD_HEIGHT = 222;

/** Where the 133 × 65 services area (CiscoIPPhoneImage's canvas) sits on the panel. */
export const SERVICES_AREA = { x: 2, y: 26, width: 133, height: 65 } as const;

const HEADER_HEIGHT = 12;
const BODY_TOP = 14;
const BODY_RIGHT = 204;
const LINE_LEFT = 208;
const LINE_PITCH = 28;
const PROMPT_Y = 186;
const SOFTKEY_Y = 206;
const ROW_HEIGHT = 11;
const VISIBLE_ROWS = 13;

export interface LcdRaster {
  readonly width: number;
  readonly height: number;
  /** Grey level per pixel, row-major. */
  readonly pixels: Uint8Array;
}

class Canvas {
  readonly pixels = new Uint8Array(LCD_WIDTH * LCD_HEIGHT);

  set(x: number, y: number, level: number): void {
    if (x >= 0 && y >= 0 && x < LCD_WIDTH && y < LCD_HEIGHT) this.pixels[y * LCD_WIDTH + x] = level;
  }

  fill(x: number, y: number, width: number, height: number, level: number): void {
    for (let row = y; row < y + height; row++) for (let column = x; column < x + width; column++) this.set(column, row, level);
  }

  /** Draws text clipped to `maxWidth` pixels; returns the width drawn. */
  text(x: number, y: number, text: string, level = 3, maxWidth = LCD_WIDTH): number {
    let cursor = x;
    for (const char of text) {
      if (cursor + FONT_WIDTH > x + maxWidth) break;
      const glyph = FONT_6X10.get(char.codePointAt(0) ?? 63) ?? FONT_6X10.get(63);
      for (let row = 0; row < FONT_HEIGHT; row++) {
        const bits = glyph?.[row] ?? 0;
        for (let column = 0; column < FONT_WIDTH; column++) if (bits & (1 << (FONT_WIDTH - 1 - column))) this.set(cursor + column, y + row, level);
      }
      cursor += FONT_WIDTH;
    }
    return cursor - x;
  }

  image(image: LcdImage, originX: number, originY: number): void {
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) this.set(originX + image.x + x, originY + image.y + y, image.pixels[y * image.width + x] ?? 0);
    }
  }
}

const ICON_TEXT: Readonly<Record<LineIcon, string>> = {
  none: ' ', 'line-unregistered': 'x', 'line-idle': '\u00b7', 'line-offhook': '/', 'line-ringing': '!',
  'line-connected': '=', 'line-hold': '"', 'speed-dial': '>', service: '*',
};

export function rasterizeLcd(snapshot: PhoneSnapshot): LcdRaster {
  const canvas = new Canvas();

  canvas.text(2, 1, snapshot.header.clock);
  const label = snapshot.header.label;
  canvas.text(LCD_WIDTH - 2 - label.length * FONT_WIDTH, 1, label);
  canvas.fill(0, HEADER_HEIGHT, LCD_WIDTH, 1, 3);

  snapshot.lines.forEach((line, index) => {
    const y = BODY_TOP + 4 + index * LINE_PITCH;
    if (line.kind === 'none') return;
    canvas.text(LINE_LEFT, y, `${ICON_TEXT[line.icon]} ${line.label}`, 3, LCD_WIDTH - LINE_LEFT - 2);
  });
  canvas.fill(LINE_LEFT - 4, BODY_TOP, 1, PROMPT_Y - BODY_TOP - 4, 1);

  const body = snapshot.body;
  let y = BODY_TOP;
  if (body.title) {
    canvas.fill(0, y, BODY_RIGHT, ROW_HEIGHT, 3);
    canvas.text(2, y + 1, body.title, 0, BODY_RIGHT - 4);
    y += ROW_HEIGHT + 1;
  }
  if (body.image) canvas.image(body.image, SERVICES_AREA.x, SERVICES_AREA.y);
  const rows = body.rows.slice(body.scrollTop, body.scrollTop + VISIBLE_ROWS);
  for (const row of rows) {
    if (y + ROW_HEIGHT > PROMPT_Y - 2) break;
    const ink = row.selected ? 0 : 3;
    if (row.selected) canvas.fill(0, y, BODY_RIGHT, ROW_HEIGHT, 3);
    let textX = 2;
    if (row.icon) {
      canvas.image(row.icon, 2, y + Math.max(0, Math.floor((ROW_HEIGHT - row.icon.height) / 2)));
      textX += row.icon.width + 2;
    }
    const drawn = textX - 2 + canvas.text(textX, y + 1, row.text, ink, BODY_RIGHT - 2 - textX);
    if (row.value !== undefined && row.value !== '') {
      const valueWidth = row.value.length * FONT_WIDTH;
      const valueX = Math.max(2 + drawn + FONT_WIDTH, BODY_RIGHT - 2 - valueWidth);
      canvas.text(valueX, y + 1, row.value, ink, BODY_RIGHT - 2 - valueX);
    }
    y += ROW_HEIGHT;
  }

  canvas.fill(0, PROMPT_Y - 2, LCD_WIDTH, 1, 1);
  canvas.text(2, PROMPT_Y, snapshot.prompt, 3, LCD_WIDTH - 4);

  const cell = LCD_WIDTH / 4;
  snapshot.softkeys.forEach((text, index) => {
    const x0 = Math.round(index * cell);
    canvas.fill(x0, SOFTKEY_Y - 3, Math.round(cell) - 2, 1, 2);
    if (text) canvas.text(x0 + Math.max(1, Math.floor((cell - text.length * FONT_WIDTH) / 2)), SOFTKEY_Y, text, 3, Math.round(cell) - 2);
  });

  return { width: LCD_WIDTH, height: LCD_HEIGHT, pixels: canvas.pixels };
}

/**
 * A region of the raster as CiscoIPPhoneImage `Data`: 2 bits a pixel, four
 * pixels a byte, first pixel in the low bits.
 */
export function packImageData(raster: LcdRaster, x = 0, y = 0, width = raster.width, height = raster.height): string {
  let hex = '';
  let byte = 0;
  let count = 0;
  for (let row = y; row < y + height; row++) {
    for (let column = x; column < x + width; column++) {
      byte |= ((raster.pixels[row * raster.width + column] ?? 0) & 3) << (count * 2);
      if (++count === 4) {
        hex += byte.toString(16).padStart(2, '0').toUpperCase();
        byte = 0;
        count = 0;
      }
    }
  }
  if (count > 0) hex += byte.toString(16).padStart(2, '0').toUpperCase();
  return hex;
}
