// The signature pad's ink: strokes of points in CSS pixels with the pen's
// pressure, drawn with a width that follows the pressure, and exported as a
// PNG cropped to the ink with a margin, on a transparent background so the
// signature sits on the PDF's signature line.

export interface InkPoint {
  x: number
  y: number
  /** pressure 0..1; a mouse reports 0.5 while a button is down. */
  p: number
}
export type Stroke = InkPoint[]

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** The part of a 2D context the pad draws with. */
export type Ink2D = Pick<
  CanvasRenderingContext2D,
  'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'arc' | 'fill' | 'clearRect' | 'setTransform'
> & {
  lineWidth: number
  lineCap: CanvasLineCap
  lineJoin: CanvasLineJoin
  strokeStyle: string | CanvasGradient | CanvasPattern
  fillStyle: string | CanvasGradient | CanvasPattern
}

export interface InkStyle {
  color: string
  /** width is the line width at the pressure of a mouse (0.5). */
  width: number
}

export const defaultInk: InkStyle = { color: '#1b2a4a', width: 2.5 }

/** pressureOf reads a pointer event's pressure; devices without one (and a mouse) report 0 or 0.5. */
export function pressureOf(pressure: number, pointerType: string): number {
  if (pointerType !== 'pen' || !(pressure > 0)) return 0.5
  return Math.min(1, pressure)
}

/** widthAt gives the line width for a pressure: half the base width at none, one and a half at full. */
export function widthAt(p: number, base: number): number {
  return base * (0.5 + Math.max(0, Math.min(1, p)))
}

/** hasInk reports whether anything was drawn. */
export function hasInk(strokes: readonly Stroke[]): boolean {
  return strokes.some((s) => s.length > 0)
}

/** inkBounds is the box around every point, widened by margin on each side; null without ink. */
export function inkBounds(strokes: readonly Stroke[], margin = 0): Box | null {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const s of strokes)
    for (const pt of s) {
      x0 = Math.min(x0, pt.x)
      y0 = Math.min(y0, pt.y)
      x1 = Math.max(x1, pt.x)
      y1 = Math.max(y1, pt.y)
    }
  if (x0 === Infinity) return null
  const x = Math.floor(x0 - margin)
  const y = Math.floor(y0 - margin)
  return { x, y, w: Math.ceil(x1 + margin) - x, h: Math.ceil(y1 + margin) - y }
}

/** drawStroke draws one stroke, offset by (dx, dy); a single point is a dot. */
export function drawStroke(ctx: Ink2D, s: Stroke, ink: InkStyle = defaultInk, dx = 0, dy = 0): void {
  const first = s[0]
  if (!first) return
  ctx.strokeStyle = ink.color
  ctx.fillStyle = ink.color
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  if (s.length === 1) {
    ctx.beginPath()
    ctx.arc(first.x - dx, first.y - dy, widthAt(first.p, ink.width) / 2, 0, Math.PI * 2)
    ctx.fill()
    return
  }
  // Segment by segment, so the width can follow the pressure along the way.
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1]!
    const b = s[i]!
    ctx.beginPath()
    ctx.lineWidth = widthAt((a.p + b.p) / 2, ink.width)
    ctx.moveTo(a.x - dx, a.y - dy)
    ctx.lineTo(b.x - dx, b.y - dy)
    ctx.stroke()
  }
}

/** drawStrokes draws every stroke. */
export function drawStrokes(ctx: Ink2D, strokes: readonly Stroke[], ink: InkStyle = defaultInk, dx = 0, dy = 0): void {
  for (const s of strokes) drawStroke(ctx, s, ink, dx, dy)
}

/** The part of a canvas the export needs. */
export interface InkCanvas {
  width: number
  height: number
  getContext(id: '2d'): Ink2D | null
  toDataURL(type: string): string
}

/**
 * exportPNG renders the strokes, cropped to the ink with a margin, at scale
 * device pixels per CSS pixel, into a canvas from makeCanvas and returns it
 * as a PNG data URL; null when nothing was drawn.
 */
export function exportPNG(
  strokes: readonly Stroke[],
  makeCanvas: () => InkCanvas,
  { scale = 2, margin = 8, ink = defaultInk }: { scale?: number; margin?: number; ink?: InkStyle } = {},
): string | null {
  const box = inkBounds(strokes, margin + ink.width)
  if (!box) return null
  const canvas = makeCanvas()
  canvas.width = Math.max(1, Math.round(box.w * scale))
  canvas.height = Math.max(1, Math.round(box.h * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  ctx.setTransform(scale, 0, 0, scale, 0, 0)
  drawStrokes(ctx, strokes, ink, box.x, box.y)
  return canvas.toDataURL('image/png')
}
