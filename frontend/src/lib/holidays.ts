// Holiday schedules as the 时限设置 page shows and edits them: which dates
// are off or worked, a month grid, and the hand-entry form that produces the
// same JSON file the import reads.
import type { Holiday, Schedule, ScheduleYear } from '../api/timelimits'

/** DayMark is what a schedule says about one date. */
export interface DayMark {
  kind: 'holiday' | 'makeup'
  name: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/** isoDate writes a calendar date as YYYY-MM-DD (month 1–12). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`
}

/** parseDate reads YYYY-MM-DD as a UTC date, or null. */
function parseDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCMonth() === Number(m[2]) - 1 ? d : null
}

/** daysBetween counts the dates from..to inclusive, or 0 when either is not a date or to is before from. */
export function daysBetween(from: string, to: string): number {
  const a = parseDate(from)
  const b = parseDate(to)
  if (!a || !b || b < a) return 0
  return Math.round((b.getTime() - a.getTime()) / 86_400_000) + 1
}

/** weekdayOf returns 0 (Sunday) to 6 for a YYYY-MM-DD date, or -1. */
export function weekdayOf(s: string): number {
  const d = parseDate(s)
  return d ? d.getUTCDay() : -1
}

/** dayMarks maps every date a schedule names to its kind and festival. */
export function dayMarks(s: Schedule | null | undefined): Map<string, DayMark> {
  const out = new Map<string, DayMark>()
  for (const h of s?.holidays ?? []) {
    const from = parseDate(h.from)
    const n = daysBetween(h.from, h.to)
    if (from) {
      for (let i = 0; i < n; i++) {
        const d = new Date(from.getTime() + i * 86_400_000)
        out.set(isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), { kind: 'holiday', name: h.name })
      }
    }
    for (const w of h.work ?? []) out.set(w, { kind: 'makeup', name: h.name })
  }
  return out
}

/** MonthCell is one date of a month grid. */
export interface MonthCell {
  date: string
  day: number
  weekday: number
}

/**
 * monthWeeks lays a month (1–12) out in weeks from Monday to Sunday, as
 * Chinese calendars print them; null fills the days of neighbouring months.
 */
export function monthWeeks(year: number, month: number): (MonthCell | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1))
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const lead = (first.getUTCDay() + 6) % 7
  const cells: (MonthCell | null)[] = Array.from({ length: lead }, () => null)
  for (let d = 1; d <= days; d++) {
    cells.push({ date: isoDate(year, month, d), day: d, weekday: (first.getUTCDay() + d - 1) % 7 })
  }
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: (MonthCell | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** missingYears lists the years without an official schedule. */
export function missingYears(years: readonly ScheduleYear[]): number[] {
  return years.filter((y) => y.origin === 'missing').map((y) => y.year)
}

/** ScheduleDraft is the hand-entry form of a year's schedule. */
export interface ScheduleDraft {
  year: number
  title: string
  number: string
  published: string
  url: string
  note: string
  holidays: HolidayDraft[]
}

/** HolidayDraft is one festival row of the form; work is the make-up days, one date each. */
export interface HolidayDraft {
  name: string
  from: string
  to: string
  work: string[]
}

/** emptyDraft starts the form for a year with one empty festival row. */
export function emptyDraft(year: number): ScheduleDraft {
  return { year, title: '', number: '', published: '', url: '', note: '', holidays: [emptyHoliday()] }
}

export function emptyHoliday(): HolidayDraft {
  return { name: '', from: '', to: '', work: [] }
}

/** draftFromSchedule fills the form from a stored schedule, to correct it. */
export function draftFromSchedule(s: Schedule): ScheduleDraft {
  const src = s.sources[0] ?? { title: '' }
  return {
    year: s.year,
    title: src.title,
    number: src.number ?? '',
    published: src.published ?? '',
    url: src.url ?? '',
    note: s.note ?? '',
    holidays: s.holidays.map((h) => ({ name: h.name, from: h.from, to: h.to, work: [...(h.work ?? [])] })),
  }
}

/**
 * scheduleFromDraft builds the schedule file the form describes. Optional
 * texts left empty are left out; the backend checks the rest, naming fields
 * such as "holidays.0.from" that scheduleFieldToDraft maps back.
 */
export function scheduleFromDraft(d: ScheduleDraft): Schedule {
  const t = (s: string) => s.trim()
  const source: Schedule['sources'][number] = { title: t(d.title) }
  if (t(d.number)) source.number = t(d.number)
  if (t(d.published)) source.published = t(d.published)
  if (t(d.url)) source.url = t(d.url)
  const s: Schedule = {
    year: d.year,
    sources: [source],
    holidays: d.holidays.map((h) => {
      const out: Holiday = { name: t(h.name), from: h.from, to: h.to }
      const work = h.work.filter((w) => w !== '')
      if (work.length > 0) out.work = work
      return out
    }),
  }
  if (t(d.note)) s.note = t(d.note)
  return s
}

/** scheduleFieldToDraft maps a backend field of a schedule ("sources.0.title") to the form's ("title"). */
export function scheduleFieldToDraft(field: string): string {
  const m = /^sources\.0\.(title|number|published|url)$/.exec(field)
  if (m) return m[1] ?? field
  if (field === 'sources') return 'title'
  const w = /^holidays\.(\d+)\.work\.\d+$/.exec(field)
  if (w) return `holidays.${w[1]}.work`
  return field
}

/** scheduleFileName is the name an exported year is saved under. */
export function scheduleFileName(year: number): string {
  return `holidays-${year}.json`
}
