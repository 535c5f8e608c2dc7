// Sizing for the app's PDF viewer (components/PdfViewer.vue): the zoom that
// fits a page to the pane's width, the steps of zoom in / out, and which page
// the reader is on.

export const minScale = 0.25
export const maxScale = 4
// Zoom steps, as in common viewers; zooming from a fitted scale goes to the
// next step in that direction.
export const zoomSteps: readonly number[] = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4]

export function clampScale(s: number): number {
  if (!Number.isFinite(s) || s <= 0) return 1
  return Math.min(maxScale, Math.max(minScale, s))
}

// The scale at which a page pageWidth points wide fills paneWidth pixels less
// the gutter on both sides; 1 when either width is unknown yet.
export function fitWidthScale(paneWidth: number, pageWidth: number, gutter = 16): number {
  if (!(paneWidth > 0) || !(pageWidth > 0)) return 1
  const room = paneWidth - 2 * gutter
  if (room <= 0) return minScale
  return clampScale(room / pageWidth)
}

const eps = 1e-3

export function zoomIn(s: number): number {
  return zoomSteps.find((z) => z > s + eps) ?? maxScale
}

export function zoomOut(s: number): number {
  return [...zoomSteps].reverse().find((z) => z < s - eps) ?? minScale
}

// The page (1-based) the reader is on: the last page whose top has passed the
// upper third of the pane. tops are the pages' offsets from the top of the
// scrolled content, in order.
export function currentPage(tops: readonly number[], scrollTop: number, paneHeight: number): number {
  if (tops.length === 0) return 0
  const line = scrollTop + paneHeight / 3
  let n = 1
  tops.forEach((top, i) => {
    if (top <= line) n = i + 1
  })
  return n
}
