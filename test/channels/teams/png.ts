/** Just enough PNG reading (RFC 2083) to check the Teams icons: size, colour type, and the pixels. */
import { inflateSync } from 'node:zlib';

export interface Png {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 6 is RGBA, 4 grey with alpha: the two with an alpha channel. */
  readonly colorType: number;
  /** RGBA, 8 bits a channel, for colour type 6 at depth 8; empty otherwise. */
  readonly rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function readPng(buf: Buffer): Png {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number } | undefined;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8] ?? 0, colorType: data[9] ?? 0 };
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const rgba = header.colorType === 6 && header.bitDepth === 8 ? unfilter(inflateSync(Buffer.concat(idat)), header.width, header.height, 4) : new Uint8Array();
  return { ...header, rgba };
}

/** Undoes the five scanline filters (None, Sub, Up, Average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= bpp ? out[y * stride + x - bpp] ?? 0 : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] ?? 0 : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] ?? 0 : 0;
      let predicted: number;
      switch (filter) {
        case 0: predicted = 0; break;
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = Math.floor((a + b) / 2); break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad filter ${String(filter)}`);
      }
      out[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  return out;
}
