// The company logo chosen in the settings: which files the picker accepts,
// checked in the browser before anything is sent (the backend checks again,
// decoding the whole picture).

/** maxLogoBytes matches settings.MaxLogoBytes in Go. */
export const maxLogoBytes = 512 * 1024

/** LogoProblem names why a chosen file cannot be the logo. */
export type LogoProblem = 'empty' | 'type' | 'size'

/** sniffImage tells a PNG or JPEG by its first bytes, whatever the file is called; null otherwise. */
export function sniffImage(head: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (head.length >= png.length && png.every((b, i) => head[i] === b)) return 'image/png'
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  return null
}

/** logoProblem checks a chosen file's bytes; null when it may be sent. */
export function logoProblem(bytes: Uint8Array): LogoProblem | null {
  if (bytes.length === 0) return 'empty'
  if (!sniffImage(bytes)) return 'type'
  if (bytes.length > maxLogoBytes) return 'size'
  return null
}
