import { deflateSync } from 'node:zlib';
import type { LcdRaster } from '../src-firmware/lcd/lcd-raster';

/**
 * Encodes the LCD raster as an indexed PNG (PNG spec §11: IHDR, PLTE, IDAT,
 * IEND), one palette entry per grey level, so a screenshot's pixels are the
 * LCD's levels exactly.
 */

/** The 7960 panel's four greys, lightest (background) to darkest (ink). */
export const LCD_PALETTE: readonly (readonly [number, number, number])[] = [
  [0xb9, 0xc4, 0xaa], [0x8f, 0x9a, 0x82], [0x5c, 0x66, 0x54], [0x1f, 0x26, 0x1c],
];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function encodeLcdPng(raster: LcdRaster): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(raster.width, 0);
  header.writeUInt32BE(raster.height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: indexed
  const rows = Buffer.alloc((raster.width + 1) * raster.height);
  for (let y = 0; y < raster.height; y++) {
    rows[y * (raster.width + 1)] = 0; // filter: none
    for (let x = 0; x < raster.width; x++) rows[y * (raster.width + 1) + 1 + x] = raster.pixels[y * raster.width + x] ?? 0;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(LCD_PALETTE.flat())),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
