/**
 * The width and height an image declares in its header, read before
 * anything decodes it: a 400 KB PNG can claim 20,000 × 20,000 pixels, and
 * Chromium would spend gigabytes decoding it. Only the header is read, in a
 * loop over JPEG's segments, never over pixel data.
 */
import type {ImageType} from '../article.ts'

export interface Dimensions {
  readonly width: number
  readonly height: number
}

/** `undefined` when the header is cut short or has no size: such a file is not an image any output could show. */
export function declaredDimensions(data: Uint8Array, type: ImageType): Dimensions | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  switch (type) {
    case 'image/png':
      // The signature, then IHDR's length and type, then width and height.
      return data.length >= 24 ? {width: view.getUint32(16), height: view.getUint32(20)} : undefined
    case 'image/gif':
      return data.length >= 10 ? {width: view.getUint16(6, true), height: view.getUint16(8, true)} : undefined
    case 'image/jpeg':
      return jpegDimensions(data, view)
  }
}

/** The frame header (SOF0–SOF15 but DHT, JPG and DAC, which share the range) of a JPEG. */
function jpegDimensions(data: Uint8Array, view: DataView): Dimensions | undefined {
  let at = 2
  while (at + 9 <= data.length) {
    if (data[at] !== 0xff) return undefined
    const marker = data[at + 1]!
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at += 1
      continue
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {height: view.getUint16(at + 5), width: view.getUint16(at + 7)}
    }
    // Markers with no length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    at += 2 + view.getUint16(at + 2)
  }
  return undefined
}
