// A long export runs as a job in the backend: started, then polled for the
// rows written so far until it is done, and cancellable in between. The
// same polling works in the desktop window and in a browser. This module is
// the loop and the arithmetic of the progress bar, apart from the dialog.

/** JobProgress is what the backend reports of an export. */
export interface JobProgress {
  id: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
  written: number
  total: number
}

/** Phase is what the bar says: rows being written, the file being saved, or finished. */
export type Phase = 'writing' | 'saving' | 'done'

/** phaseOf tells the rows phase from the last one, where the workbook is compressed and written out. */
export function phaseOf(p: JobProgress): Phase {
  if (p.state === 'done') return 'done'
  return p.total > 0 && p.written >= p.total ? 'saving' : 'writing'
}

/**
 * percentOf is the bar's fill, 0 to 100 with no decimals. Rows may be added
 * or removed while an export runs, so written can pass total: the bar stops
 * at 99 until the backend says done.
 */
export function percentOf(p: JobProgress): number {
  if (p.state === 'done') return 100
  if (p.total <= 0) return 0
  return Math.min(99, Math.floor((p.written / p.total) * 100))
}

/** JobCalls are the backend calls the loop makes. */
export interface JobCalls<S extends JobProgress> {
  start: () => Promise<S>
  progress: (id: string) => Promise<S>
  cancel: (id: string) => Promise<void>
}

/** RunOptions steer the loop: what to tell, when to stop, how long to wait between polls. */
export interface RunOptions<S extends JobProgress> {
  onProgress: (s: S) => void
  signal?: AbortSignal
  wait?: (ms: number) => Promise<void>
  intervalMs?: number
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * runJob starts an export and polls it until it is done, telling onProgress
 * each step; the rows written never go backwards in what it tells. It
 * resolves to the finished job, or null when signal aborted it (the backend
 * export is then cancelled, which deletes its file) or the backend reports it
 * cancelled. A failed export rejects with the backend's error.
 */
export async function runJob<S extends JobProgress>(calls: JobCalls<S>, opts: RunOptions<S>): Promise<S | null> {
  const wait = opts.wait ?? sleep
  const interval = opts.intervalMs ?? 250
  let s = await calls.start()
  let most = s.written
  const aborted = async () => {
    await calls.cancel(s.id).catch(() => undefined) // already gone is as good as cancelled
    return null
  }
  for (;;) {
    if (opts.signal?.aborted) return aborted()
    most = Math.max(most, s.written)
    opts.onProgress({ ...s, written: most })
    if (s.state === 'done') return s
    if (s.state === 'cancelled') return null
    await wait(interval)
    if (opts.signal?.aborted) return aborted()
    s = await calls.progress(s.id)
  }
}
