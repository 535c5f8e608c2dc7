// The one-line summary of a request's time limits shown above its clock
// panel: how many are breached, due soon, running, paused, and finished.
export interface ClockSummary {
  breached: number
  dueSoon: number
  running: number
  paused: number
  finished: number
}

/** summarizeClocks counts clocks by state (internal/sla State); clocks not started yet are left out. */
export function summarizeClocks(clocks: readonly { state: string }[] | null | undefined): ClockSummary {
  const out: ClockSummary = { breached: 0, dueSoon: 0, running: 0, paused: 0, finished: 0 }
  for (const c of clocks ?? []) {
    switch (c.state) {
      case 'breached':
        out.breached++
        break
      case 'due_soon':
        out.dueSoon++
        break
      case 'on_track':
        out.running++
        break
      case 'paused':
        out.paused++
        break
      case 'met':
      case 'late':
      case 'stopped':
        out.finished++
        break
    }
  }
  return out
}
