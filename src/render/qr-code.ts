/**
 * A QR code for the source URL of a printed handout, built as a hast `<svg>`
 * tree: one path of dark modules, so it prints sharp at any size, in black
 * on white, and photocopies well.
 */
import type {Element} from 'hast'
import {s} from 'hastscript'
import QRCode from 'qrcode'

/** The quiet zone ISO/IEC 18004 asks for, in modules; phones need it to find the code. */
const QUIET_ZONE = 4

export function qrCodeSvg(text: string, label: string): Element {
  // Level M survives a smudge or a fold (15 % of the code) and keeps URLs small.
  const {modules} = QRCode.create(text, {errorCorrectionLevel: 'M'})
  const size = modules.size + 2 * QUIET_ZONE
  let d = ''
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) d += `M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`
    }
  }
  return s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${size} ${size}`,
      role: 'img',
      ariaLabel: label,
      className: ['qr-code'],
      // Modules must stay crisp squares: no anti-aliased seams between them.
      shapeRendering: 'crispEdges'
    },
    [s('rect', {width: size, height: size, fill: '#fff'}), s('path', {d, fill: '#000'})]
  )
}
