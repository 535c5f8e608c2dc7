import { describe, expect, it } from 'vitest'
import type { Schedule } from '../api/timelimits'
import {
  daysBetween,
  dayMarks,
  draftFromSchedule,
  emptyDraft,
  missingYears,
  monthWeeks,
  scheduleFieldToDraft,
  scheduleFileName,
  scheduleFromDraft,
  weekdayOf,
} from './holidays'

const s2026: Schedule = {
  year: 2026,
  sources: [{ title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号', published: '2025-11-04' }],
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03', work: ['2026-01-04'] },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07', work: ['2026-09-20', '2026-10-10'] },
  ],
}

describe('dates', () => {
  it('count the days of a holiday inclusively', () => {
    expect(daysBetween('2026-10-01', '2026-10-07')).toBe(7)
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(1)
    expect(daysBetween('2025-12-31', '2026-01-02')).toBe(3)
    expect(daysBetween('2026-01-03', '2026-01-01')).toBe(0)
    expect(daysBetween('2026-02-30', '2026-03-01')).toBe(0)
  })

  it('know the weekday', () => {
    expect(weekdayOf('2026-01-04')).toBe(0) // a Sunday
    expect(weekdayOf('2026-10-10')).toBe(6) // a Saturday
    expect(weekdayOf('nope')).toBe(-1)
  })
})

describe('dayMarks', () => {
  it('marks days off and make-up working days with their festival', () => {
    const m = dayMarks(s2026)
    expect(m.get('2026-01-02')).toEqual({ kind: 'holiday', name: '元旦' })
    expect(m.get('2026-01-04')).toEqual({ kind: 'makeup', name: '元旦' })
    expect(m.get('2026-10-07')).toEqual({ kind: 'holiday', name: '国庆节' })
    expect(m.get('2026-09-20')).toEqual({ kind: 'makeup', name: '国庆节' })
    expect(m.get('2026-10-08')).toBeUndefined()
    expect(m.size).toBe(3 + 1 + 7 + 2)
  })

  it('is empty without a schedule', () => {
    expect(dayMarks(null).size).toBe(0)
  })
})

describe('monthWeeks', () => {
  it('lays out a month Monday first', () => {
    // November 2026 begins on a Sunday.
    const weeks = monthWeeks(2026, 11)
    expect(weeks[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null])
    expect(weeks[0]?.[6]).toEqual({ date: '2026-11-01', day: 1, weekday: 0 })
    expect(weeks.flat().filter((c) => c !== null)).toHaveLength(30)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    expect(weeks.at(-1)?.find((c) => c?.day === 30)?.weekday).toBe(1)
  })

  it('handles a leap February', () => {
    expect(monthWeeks(2028, 2).flat().filter((c) => c !== null)).toHaveLength(29)
  })
})

describe('missingYears', () => {
  it('lists the years without an official schedule', () => {
    expect(
      missingYears([
        { year: 2026, origin: 'shipped', schedule: s2026 },
        { year: 2027, origin: 'missing', schedule: { year: 0, sources: [], holidays: [] } },
      ]),
    ).toEqual([2027])
  })
})

describe('hand entry', () => {
  it('builds the file format, leaving empty optional texts out', () => {
    const d = emptyDraft(2027)
    d.title = ' 国务院办公厅关于2027年部分节假日安排的通知 '
    d.published = '2026-11-03'
    d.holidays = [
      { name: '元旦', from: '2027-01-01', to: '2027-01-03', work: [] },
      { name: '春节', from: '2027-02-05', to: '2027-02-12', work: ['2027-02-14', ''] },
    ]
    expect(scheduleFromDraft(d)).toEqual({
      year: 2027,
      sources: [{ title: '国务院办公厅关于2027年部分节假日安排的通知', published: '2026-11-03' }],
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '春节', from: '2027-02-05', to: '2027-02-12', work: ['2027-02-14'] },
      ],
    })
  })

  it('round-trips a stored schedule', () => {
    expect(scheduleFromDraft(draftFromSchedule(s2026))).toEqual(s2026)
  })

  it('maps the backend fields to the form', () => {
    expect(scheduleFieldToDraft('sources.0.title')).toBe('title')
    expect(scheduleFieldToDraft('sources')).toBe('title')
    expect(scheduleFieldToDraft('holidays.1.work.0')).toBe('holidays.1.work')
    expect(scheduleFieldToDraft('holidays.1.from')).toBe('holidays.1.from')
  })

  it('names the exported file by its year', () => {
    expect(scheduleFileName(2027)).toBe('holidays-2027.json')
  })
})
