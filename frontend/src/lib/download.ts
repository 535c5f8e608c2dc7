// Saving text the app produced as a file. Both the desktop window (WebKitGTK,
// WebView2, WKWebView under Wails) and a browser honour a download link to a
// Blob URL, so no native save dialog is needed.

/** downloadText offers text as a file named name. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
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
