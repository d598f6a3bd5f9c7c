// Draws the Teams app icons (a compass needle, the lodestone's) and writes them as PNGs with node:zlib only:
// color.png 192x192 on the accent colour, outline.png 32x32 white on transparent, as Teams asks.
// Run: node manifest/teams/make-icons.mjs  (the PNGs are committed; run again only to change the drawing)
import { writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

const ACCENT = [0x1e, 0x4d, 0x6b];
const GOLD = [0xf2, 0xb1, 0x34];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // 4x4 samples a pixel, for smooth edges

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA, 8 bits a channel (colour type 6), every scanline with filter 0. */
function png(width, height, pixel) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 4 + 1) + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Averages `paint(x, y)` ([r, g, b, a] with a in 0..1) over the samples of a pixel. */
function supersample(px, py, paint) {
  let r = 0, g = 0, b = 0, a = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const [sr, sg, sb, sa] = paint(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES);
      r += sr * sa; g += sg * sa; b += sb * sa; a += sa;
    }
  }
  const n = SAMPLES * SAMPLES;
  return a === 0 ? [0, 0, 0, 0] : [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / n) * 255)];
}

/** Inside a diamond (the needle) centred at cx, cy with half-width hw and half-height hh. */
function inDiamond(x, y, cx, cy, hw, hh) {
  return Math.abs(x - cx) / hw + Math.abs(y - cy) / hh <= 1;
}

function colorIcon() {
  const c = 96;
  return png(192, 192, (px, py) => supersample(px, py, (x, y) => {
    if (Math.hypot(x - c, y - c) <= 7) return [...ACCENT, 1]; // the pivot
    if (inDiamond(x, y, c, c, 30, 64)) return [...(y < c ? GOLD : WHITE), 1];
    return [...ACCENT, 1];
  }));
}

function outlineIcon() {
  const c = 16;
  return png(32, 32, (px, py) => supersample(px, py, (x, y) => {
    const outer = inDiamond(x, y, c, c, 8, 14);
    const inner = inDiamond(x, y, c, c, 8 - 1.6, 14 - 2.8);
    // North half filled, south half drawn as an outline: white only, on transparent.
    const on = outer && (y < c || !inner);
    return [...WHITE, on ? 1 : 0];
  }));
}

writeFileSync(join(here, 'color.png'), colorIcon());
writeFileSync(join(here, 'outline.png'), outlineIcon());
process.stdout.write('wrote manifest/teams/color.png (192x192) and manifest/teams/outline.png (32x32)\n');
