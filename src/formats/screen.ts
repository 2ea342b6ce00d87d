/**
 * What the screen formats (the web page and the EPUB) do differently from
 * print: images no larger than a screen shows, and, for the EPUB, whether
 * the bundled fonts go in. The PDF keeps every image at full resolution.
 *
 * Why 1600 px: the sharpest common e-reader screens are 1264×1680 (Kobo
 * Libra, Kindle Paperwhite) and 1404×1872 (Kobo Forma, reMarkable); a
 * phone shows a full-width photo at about 1200 device pixels. A 4000 px
 * photo from a camera is 3–6 MB; at 1600 px it is a tenth of that, and an
 * EPUB of a dozen of them stays small enough for a reader's slow Wi-Fi.
 */
import type {ImageAsset} from '../article.ts'

export const DEFAULT_IMAGE_MAX = 1600

export const EPUB_FONT_MODES = ['embed', 'none'] as const
export type EpubFontMode = (typeof EPUB_FONT_MODES)[number]
export const DEFAULT_EPUB_FONTS: EpubFontMode = 'embed'

/** How the screen formats are made; every field is part of their outputs' cache keys. */
export interface ScreenOptions {
  /** Longest side of an image, in pixels. */
  readonly imageMax: number
  /** EPUBs only: embed the bundled fonts (a subset), or none. */
  readonly fonts: EpubFontMode
}

export const DEFAULT_SCREEN: ScreenOptions = {imageMax: DEFAULT_IMAGE_MAX, fonts: DEFAULT_EPUB_FONTS}

/**
 * The images with any whose long side is over `imageMax` scaled down to it,
 * in their own format; the others as they are, byte for byte. An image
 * keeps its `href`, so the documents that name it need no change.
 */
export async function scaleForScreen(images: readonly ImageAsset[], imageMax: number): Promise<ImageAsset[]> {
  if (images.length === 0) return []
  // sharp (libvips) loads only when a build has images.
  const {default: sharp} = await import('sharp')
  return Promise.all(
    images.map(async (image) => {
      const input = Buffer.from(image.base64, 'base64')
      const info = await sharp(input).metadata()
      // EXIF orientation 5–8 swaps the sides as shown.
      const [width, height] = (info.orientation ?? 1) >= 5 ? [info.height, info.width] : [info.width, info.height]
      // An animated GIF is left whole: scaling it would keep only one frame's worth of care.
      if (width === undefined || height === undefined || Math.max(width, height) <= imageMax || (info.pages ?? 1) > 1) return image
      // `autoOrient` applies the EXIF rotation before the EXIF goes (sharp strips metadata on output).
      const resized = sharp(input).autoOrient().resize({width: imageMax, height: imageMax, fit: 'inside'}).keepIccProfile()
      const encoded =
        image.mediaType === 'image/jpeg'
          ? resized.jpeg({quality: 90, mozjpeg: true})
          : image.mediaType === 'image/png'
            ? resized.png({compressionLevel: 9})
            : resized.gif()
      const output = await encoded.toBuffer()
      return {...image, base64: output.toString('base64')}
    })
  )
}
