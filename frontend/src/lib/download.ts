// Saving what the app produced as a file. A browser (serve mode) saves a
// download link to a Blob URL; the desktop window cannot — Wails v2 does not
// handle WebKitGTK downloads — so there the native save dialog of the Go side
// asks where to write the file.
import { saveFileNative } from '../api/system'
import { usesWails } from '../api/transport'

function offer(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoking at once can cancel the download in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** downloadText offers text as a file named name; see downloadBytes. */
export function downloadText(name: string, text: string, type = 'application/json'): Promise<string> {
  return downloadBytes(name, new TextEncoder().encode(text), `${type};charset=utf-8`)
}

/**
 * downloadBytes offers bytes (a PDF, a workbook) as a file named name: in the
 * desktop window through the native save dialog, resolving to the chosen path
 * ("" when the user cancelled); in a browser as a download, resolving to name.
 */
export async function downloadBytes(name: string, bytes: Uint8Array, type: string): Promise<string> {
  if (usesWails()) return saveFileNative(name, bytes)
  offer(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
  return name
}

export const pdfMime = 'application/pdf'
export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
