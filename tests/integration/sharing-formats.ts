import { inflateSync } from "node:zlib";

/**
 * Small readers for checking exports without extra dependencies: PNG header and pixel data,
 * and XML well-formedness of the SVG export.
 */

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** Unfiltered scanlines as stored: one filter byte, then the row's bytes. */
  raw: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG signature");
  let offset = 8;
  let header: Omit<DecodedPng, "raw"> | null = null;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8] ?? 0, colorType: body[9] ?? 0 };
    } else if (type === "IDAT") {
      data.push(body);
    } else if (type === "IEND") {
      break;
    }
    offset += 12 + length;
  }
  if (!header) throw new Error("PNG without IHDR");
  return { ...header, raw: inflateSync(Buffer.concat(data)) };
}

/** Bytes the inflated image data must have: per row one filter byte plus the pixels. */
export function expectedRawLength(png: Omit<DecodedPng, "raw">): number {
  const bitsPerPixel = (CHANNELS[png.colorType] ?? 0) * png.bitDepth;
  return png.height * (1 + Math.ceil((png.width * bitsPerPixel) / 8));
}

/**
 * Throws unless `xml` is well-formed enough to parse: balanced tags, quoted attributes, no
 * raw `<` or stray `&` in text. (Not a full XML parser; enough to catch unescaped user text.)
 */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(body))) {
    const [, closing, name, , selfClosing, text, strayLt] = match;
    if (strayLt) throw new Error(`stray "<" at ${match.index}: ${body.slice(match.index, match.index + 40)}`);
    if (text !== undefined) {
      const badAmpersand = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
      if (badAmpersand) throw new Error(`unescaped "&" in text "${text.slice(0, 40)}"`);
      continue;
    }
    if (!name) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? "nothing"}>`);
    } else if (!selfClosing) {
      stack.push(name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join("> <")}>`);
}
