// Reply scripts (话术) in record forms: which scripts fit a record, and
// putting a filled script into a text field while noting which revision it
// came from (the record then counts toward 话术适配率).
import type { Filled, Script } from '../api/comm'
import type { ScriptUse } from '../api/records'

/**
 * scriptsFor lists the active scripts for a channel: those of the channel
 * first, then those for every channel, each group in the library's order.
 * A search narrows by title, topic or text.
 */
export function scriptsFor(all: readonly Script[], channel: string, search = ''): Script[] {
  const q = search.trim().toLowerCase()
  const hit = (s: Script) =>
    q === '' || s.title.toLowerCase().includes(q) || s.topic.toLowerCase().includes(q) || s.body.toLowerCase().includes(q)
  const active = all.filter((s) => s.active && hit(s))
  const own = active.filter((s) => channel !== '' && s.channel === channel)
  const general = active.filter((s) => s.channel === '')
  return [...own, ...general]
}

/** insertText puts text after what the field holds, on a line of its own. */
export function insertText(current: string, text: string): string {
  if (current.trim() === '') return text
  return current.replace(/\s+$/, '') + '\n' + text
}

/**
 * applyScript inserts a filled script into body[field] and records the
 * script and revision on the body.
 */
export function applyScript<B extends ScriptUse>(body: B, field: keyof B & string, filled: Filled): void {
  const cur = body[field]
  ;(body as Record<string, unknown>)[field] = insertText(typeof cur === 'string' ? cur : '', filled.text)
  body.scriptId = filled.scriptId
  body.scriptRevision = filled.revision
}

/** topicLabel names a script's topic: a standard topic's label, else the topic itself (a recurring problem). */
export function topicLabel(topic: string, labels: Record<string, string>): string {
  return labels[topic] ?? topic
}

/** weekOf is the ISO week key ("2026-W49") of a date. */
export function weekOf(d: Date): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()))
  const day = (t.getUTCDay() + 6) % 7
  t.setUTCDate(t.getUTCDate() - day + 3) // the week's Thursday
  const year = t.getUTCFullYear()
  // The week's Thursday lies in its year; count whole weeks from January 1st.
  const week = 1 + Math.floor((t.getTime() - Date.UTC(year, 0, 1)) / 86400000 / 7)
  return `${year}-W${String(week).padStart(2, '0')}`
}
