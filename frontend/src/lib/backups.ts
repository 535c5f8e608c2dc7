// The backups folder as the user sees it: what kind each file is, and how a
// file picked in a browser is sent in pieces small enough for serve mode.

/** BackupKind tells backups apart by how they were made. */
export type BackupKind = 'auto' | 'premigrate' | 'beforeRestore' | 'imported' | 'manual'

/** backupKind reads a backup's kind from its file name (see internal/backup). */
export function backupKind(name: string): BackupKind {
  if (name.startsWith('reqdesk-auto-')) return 'auto'
  if (name.startsWith('reqdesk-premigrate-')) return 'premigrate'
  if (name.startsWith('reqdesk-before-restore-')) return 'beforeRestore'
  if (name.startsWith('reqdesk-imported-')) return 'imported'
  return 'manual'
}

/** uploadChunk matches app.MaxUploadChunk, the largest piece the backend takes. */
export const uploadChunk = 4 * 1024 * 1024

/** Piece is one part of a file to upload: where it starts and ends, and whether it is the last. */
export interface Piece {
  offset: number
  end: number
  last: boolean
}

/** pieces cuts a file of size bytes into uploads of at most max bytes; an empty file is one empty piece. */
export function pieces(size: number, max = uploadChunk): Piece[] {
  const out: Piece[] = []
  for (let offset = 0; offset < size; offset += max) {
    const end = Math.min(size, offset + max)
    out.push({ offset, end, last: end === size })
  }
  return out.length ? out : [{ offset: 0, end: 0, last: true }]
}

/**
 * passphraseProblem checks an optional passphrase and its repetition; null when fine.
 * min is the backend's rule (SystemInfo.minPassphrase, from backup.MinPassphrase).
 */
export function passphraseProblem(p: string, again: string, min: number): 'short' | 'mismatch' | null {
  if (p === '') return again === '' ? null : 'mismatch'
  if ([...p].length < min) return 'short'
  return p === again ? null : 'mismatch'
}
