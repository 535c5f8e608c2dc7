// Saving what the app produced as a file. Both the desktop window (WebKitGTK,
// WebView2, WKWebView under Wails) and a browser honour a download link to a
// Blob URL, so no native save dialog is needed.

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

/** downloadText offers text as a file named name. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  offer(name, new Blob([text], { type: `${type};charset=utf-8` }))
}

/** downloadBytes offers bytes (a PDF, a workbook) as a file named name. */
export function downloadBytes(name: string, bytes: Uint8Array, type: string): void {
  offer(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
}

export const pdfMime = 'application/pdf'
export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
