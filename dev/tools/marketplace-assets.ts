/**
 * Draws the Marketplace listing's graphics into marketplace/assets/ as PNG files of the sizes the
 * store listing requires (marketplace/README.md has the sizes and their source), using only
 * node:zlib. Deterministic: the same input gives the same bytes, so the committed files change only
 * when this drawing or docs/sidebar.png changes.
 *
 *   npm run marketplace:assets
 *
 * - application icons 128, 96, 48 and 32 px: two linked rings on the add-on's primary colour;
 * - the card banner, 220 x 140: the icon's mark and the product name;
 * - screenshot 1, 1280 x 800: the simulator's sidebar (docs/sidebar.png, `UPDATE_SCREENSHOT=1 npm
 *   test` refreshes it) beside a mail list drawn as grey bars. Replace it with screenshots taken in
 *   Gmail from the test deployment before submitting the listing (DEPLOYING.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgb = readonly [number, number, number];

const PRIMARY: Rgb = [0x0b, 0x57, 0xd0];
const WHITE: Rgb = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------------------------------------
// PNG encoding and decoding (8-bit RGB/RGBA, not interlaced)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export class Image {
  readonly rgba: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgba = new Uint8Array(width * height * 4);
  }

  /** Paints colour over pixel (x, y) with coverage 0..1 (anti-aliasing), alpha compositing. */
  blend(x: number, y: number, colour: Rgb, coverage: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || coverage <= 0) return;
    const a = Math.min(1, coverage);
    const i = (y * this.width + x) * 4;
    const da = (this.rgba[i + 3] as number) / 255;
    const oa = a + da * (1 - a);
    for (let c = 0; c < 3; c++) {
      const d = this.rgba[i + c] as number;
      this.rgba[i + c] = oa === 0 ? 0 : Math.round(((colour[c] as number) * a + d * da * (1 - a)) / oa);
    }
    this.rgba[i + 3] = Math.round(oa * 255);
  }

  fill(colour: Rgb): void {
    this.rect(0, 0, this.width, this.height, colour);
  }

  rect(x0: number, y0: number, w: number, h: number, colour: Rgb): void {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.blend(x, y, colour, 1);
  }

  /** Fills where `distance(px, py)` (a signed distance, negative inside) is below zero, smoothly. */
  shape(colour: Rgb, distance: (px: number, py: number) => number): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) this.blend(x, y, colour, 0.5 - distance(x + 0.5, y + 0.5));
    }
  }

  draw(other: Image, left: number, top: number): void {
    for (let y = 0; y < other.height; y++) {
      for (let x = 0; x < other.width; x++) {
        const i = (y * other.width + x) * 4;
        const colour: Rgb = [
          other.rgba[i] as number,
          other.rgba[i + 1] as number,
          other.rgba[i + 2] as number,
        ];
        this.blend(left + x, top + y, colour, (other.rgba[i + 3] as number) / 255);
      }
    }
  }

  png(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
    const raw = Buffer.alloc(this.height * (1 + this.width * 4));
    for (let y = 0; y < this.height; y++) {
      raw[y * (1 + this.width * 4)] = 0; // filter: none
      Buffer.from(this.rgba.subarray(y * this.width * 4, (y + 1) * this.width * 4)).copy(
        raw,
        y * (1 + this.width * 4) + 1,
      );
    }
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
      chunk('IEND', new Uint8Array(0)),
    ]);
  }
}

export function decodePng(bytes: Buffer): Image {
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const [depth, colourType, , , interlace] = bytes.subarray(24, 29);
  if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) {
    throw new Error('only 8-bit RGB or RGBA PNGs without interlacing can be read here');
  }
  const channels = colourType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] as number;
      const left = x >= channels ? (rows[y * stride + x - channels] as number) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] as number) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] as number) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = Math.floor((left + up) / 2);
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const image = new Image(width, height);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) image.rgba[p * 4 + c] = rows[p * channels + c] as number;
    image.rgba[p * 4 + 3] = channels === 4 ? (rows[p * channels + 3] as number) : 255;
  }
  return image;
}

// ---------------------------------------------------------------------------------------------
// Drawing

function roundedSquare(size: number, radius: number): (x: number, y: number) => number {
  return (x, y) => {
    const half = size / 2;
    const qx = Math.abs(x - half) - (half - radius);
    const qy = Math.abs(y - half) - (half - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

function ring(cx: number, cy: number, radius: number, thickness: number): (x: number, y: number) => number {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - radius) - thickness / 2;
}

/** The mark: two linked rings, in a box of `size` px whose top left corner is (left, top). */
function drawMark(image: Image, left: number, top: number, size: number, colour: Rgb): void {
  const r = size * 0.22;
  const t = Math.max(1.5, size * 0.085);
  image.shape(colour, (x, y) => ring(left + size * 0.38, top + size / 2, r, t)(x, y));
  image.shape(colour, (x, y) => ring(left + size * 0.62, top + size / 2, r, t)(x, y));
}

export function icon(size: number): Image {
  const image = new Image(size, size);
  image.shape(PRIMARY, roundedSquare(size, size * 0.2));
  drawMark(image, 0, 0, size, WHITE);
  return image;
}

/** A 5 x 7 pixel font with the letters of the product name. */
const GLYPHS: Record<string, readonly string[]> = {
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  e: ['00000', '00000', '01110', '10001', '11111', '10000', '01110'],
  s: ['00000', '00000', '01111', '10000', '01110', '00001', '11110'],
  l: ['01100', '00100', '00100', '00100', '00100', '00100', '01110'],
  r: ['00000', '00000', '10110', '11001', '10000', '10000', '10000'],
  o: ['00000', '00000', '01110', '10001', '10001', '10001', '01110'],
  n: ['00000', '00000', '10110', '11001', '10001', '10001', '10001'],
  c: ['00000', '00000', '01110', '10000', '10000', '10001', '01110'],
  t: ['01000', '01000', '11100', '01000', '01000', '01001', '00110'],
  ' ': ['000', '000', '000', '000', '000', '000', '000'],
};

function textWidth(text: string, scale: number): number {
  return Array.from(text).reduce((w, ch) => w + ((GLYPHS[ch]?.[0]?.length ?? 5) + 1) * scale, -scale);
}

function drawText(image: Image, text: string, left: number, top: number, scale: number, colour: Rgb): void {
  let x = left;
  for (const ch of text) {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new Error(`no glyph for ${JSON.stringify(ch)}: add it to GLYPHS`);
    glyph.forEach((row, gy) => {
      Array.from(row).forEach((bit, gx) => {
        if (bit === '1') image.rect(x + gx * scale, top + gy * scale, scale, scale, colour);
      });
    });
    x += ((glyph[0]?.length ?? 5) + 1) * scale;
  }
}

export function cardBanner(name: string): Image {
  const image = new Image(220, 140);
  image.fill(PRIMARY);
  drawMark(image, 78, 14, 64, WHITE);
  const scale = 2;
  drawText(image, name, Math.round((220 - textWidth(name, scale)) / 2), 96, scale, WHITE);
  return image;
}

export function screenshot(sidebar: Image): Image {
  const image = new Image(1280, 800);
  image.fill([0xf6, 0xf8, 0xfc]);
  image.rect(0, 0, 1280, 48, WHITE);
  drawMark(image, 16, 4, 40, PRIMARY);
  drawText(image, 'Reseller Connect', 64, 17, 2, [0x1f, 0x1f, 0x1f]);
  const listRight = 1280 - sidebar.width - 32;
  for (let row = 0; row < 11; row++) {
    const y = 64 + row * 64;
    image.rect(16, y, listRight - 16, 56, WHITE);
    image.rect(32, y + 14, 160, 10, [0xc4, 0xc7, 0xc5]);
    image.rect(220, y + 14, Math.min(420, listRight - 260), 10, [0xdd, 0xe1, 0xe6]);
    image.rect(220, y + 32, Math.min(300, listRight - 260), 8, [0xe9, 0xec, 0xef]);
  }
  image.rect(1280 - sidebar.width - 17, 51, sidebar.width + 2, sidebar.height + 2, [0xdd, 0xe1, 0xe6]);
  image.draw(sidebar, 1280 - sidebar.width - 16, 52);
  return image;
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  const listing = JSON.parse(fs.readFileSync(path.join(root, 'marketplace', 'listing.json'), 'utf8')) as {
    productName: string;
    graphics: { applicationIcons: Record<string, string>; cardBanner: string; screenshots: string[] };
  };
  const write = (relative: string, image: Image): void => {
    const file = path.join(root, 'marketplace', relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, image.png());
    console.log(`${path.relative(root, file)}  ${image.width}x${image.height}`);
  };
  for (const [size, file] of Object.entries(listing.graphics.applicationIcons))
    write(file, icon(Number(size)));
  write(listing.graphics.cardBanner, cardBanner(listing.productName));
  const sidebar = decodePng(fs.readFileSync(path.join(root, 'docs', 'sidebar.png')));
  const [first] = listing.graphics.screenshots;
  if (first) write(first, screenshot(sidebar));
}

if (require.main === module) main();
