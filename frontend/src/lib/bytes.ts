// Files crossing the bridge. Go's []byte travels as a base64 string in both
// directions (Wails and serve mode marshal it with encoding/json), although
// the generated bindings type it as number[].

/** bytesFromBase64 decodes the base64 text Go sends for a []byte ("" or null is empty). */
export function bytesFromBase64(b64: string | null | undefined): Uint8Array {
  if (!b64) return new Uint8Array(0)
  const bin = atob(b64.replace(/\s+/g, ''))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** base64FromBytes encodes bytes as the base64 text Go reads into a []byte. */
export function base64FromBytes(bytes: Uint8Array): string {
  let bin = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(bin)
}

/**
 * bytesFromWire accepts what a binding returned for a []byte: base64 text
 * (the wire format), or a number array should a runtime ever decode it.
 */
export function bytesFromWire(v: unknown): Uint8Array {
  if (typeof v === 'string' || v === null || v === undefined) return bytesFromBase64(v)
  if (v instanceof Uint8Array) return v
  if (Array.isArray(v)) return Uint8Array.from(v as number[])
  throw new TypeError('bytesFromWire: not a byte string')
}

/** bytesFromDataURL decodes a base64 data: URL (the signature pad's PNG) and returns its type and bytes. */
export function bytesFromDataURL(url: string): { mime: string; bytes: Uint8Array } {
  const m = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url)
  if (!m) throw new TypeError('bytesFromDataURL: not a data URL')
  const mime = m[1] || 'text/plain'
  const data = m[3] ?? ''
  if (!m[2]) return { mime, bytes: new TextEncoder().encode(decodeURIComponent(data)) }
  return { mime, bytes: bytesFromBase64(data) }
}

/** readFileBytes reads a chosen file's bytes. */
export async function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer())
}

const units = ['B', 'KB', 'MB', 'GB']

/** formatSize gives a file size the way a file manager shows it. */
export function formatSize(n: number): string {
  let v = n
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return u === 0 ? `${v} ${units[u]}` : `${v.toFixed(v >= 10 ? 0 : 1)} ${units[u]}`
}
