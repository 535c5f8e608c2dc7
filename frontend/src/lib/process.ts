// The process's rules as the backend serves them (request.Rules, loaded with
// the settings): the screens ask these instead of copying Go's rules. Until
// they are loaded (null) nothing is closed and nothing may take the green
// channel.
import type { Process } from '../api/types'

type Rules = Process | null | undefined

/** openTask reports whether a task (or sub-requirement) of status is still to be done: unless done or cancelled. */
export function openTask(p: Rules, status: string): boolean {
  return !(p?.closedTaskStatuses ?? []).includes(status)
}

/** greenChannelAllowed reports whether a request of urgency may take the green channel (only urgent ones). */
export function greenChannelAllowed(p: Rules, urgency: string): boolean {
  return (p?.greenChannelUrgencies ?? []).includes(urgency)
}

/** closedStatus reports whether status closes a request (archived, rejected, cancelled): its records are read-only. */
export function closedStatus(p: Rules, status: string): boolean {
  return (p?.statuses ?? []).some((x) => x.status === status && x.closed)
}
