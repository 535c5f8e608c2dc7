// A browser's download: what the app produced offered as a file through a
// link to a Blob URL. The desktop window cannot take downloads (Wails v2 does
// not handle WebKitGTK downloads): api/files.ts decides which way a file is
// saved.

/** offer makes the browser download blob as a file named name. */
export function offer(name: string, blob: Blob): void {
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
