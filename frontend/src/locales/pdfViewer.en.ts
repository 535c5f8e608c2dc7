// The app's own PDF viewer (same keys as pdfViewer.zh-CN.ts).
import type { pdfViewer as zh } from './pdfViewer.zh-CN'

export const pdfViewer: Record<keyof typeof zh, string> = {
  page: 'Page {n} of {total}',
  prev: 'Previous page',
  next: 'Next page',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fitWidth: 'Fit width',
  loading: 'Loading the document…',
  failed: 'The document cannot be shown here; save it and open it with another program',
}
