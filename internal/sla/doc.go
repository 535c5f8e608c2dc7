// Package sla holds working calendars and the time arithmetic of service
// limits: when a request is due, and how much of the clock a request has
// used.
//
// # Working time
//
// A Calendar knows, for every date, the working hours of that date:
//
//   - a holiday (放假日 in a holiday schedule) has none;
//   - a make-up working day (调休上班日, a weekend day the schedule makes a
//     working day) has Hours.MakeUp, which default to a normal weekday's
//     hours (the notices only say 上班); an empty MakeUp means the company
//     does not work make-up days;
//   - any other date has the weekly hours of its weekday.
//
// A year without a schedule follows the weekly hours alone. The package never
// invents a year's holidays: Calendar.MissingYears tells the app which years
// still need the official schedule, which users can then import.
//
// All arithmetic happens in the calendar's location; any time.Time is
// accepted and results come back in that location. Wall-clock positions are
// turned into instants with the location's rules, so a zone with daylight
// saving time is counted correctly.
//
// # Limits
//
// A Limit is an amount of minutes, hours or days on one of two clocks:
//
//   - Clock24x7 counts all elapsed time. Days are calendar days: the due
//     moment is the same wall-clock time N dates later.
//   - ClockWorking counts working time only. Minutes and hours are working
//     minutes and hours. Days are working days, by this rule: take the first
//     working moment at or after the start (the start itself when it falls
//     in working hours); the due moment is that clock time on the Nth
//     following working day. If that clock time is not inside that day's
//     hours, the due moment is the end of the working stretch before it. So
//     Friday 17:30 plus 3 working days is Wednesday 17:30, while a request
//     that arrives on Saturday, at night or at 09:00 sharp is due at the end
//     of its 3rd working day (Wednesday 18:00 for Saturday), not at 09:00 the
//     day after, which is the same amount of working time.
//
// Allowance is the clock time a limit grants from a start. Due is the
// earliest moment at which the clock, minus pauses, has counted the
// allowance; so Elapsed(start, Due(...)) always gives the allowance back, and
// a due moment sits at the end of a working stretch (18:00) rather than at
// the start of the next one (09:00 next day).
//
// # Pauses
//
// A Pause stops the clock over [From, To), for example while waiting for the
// customer. Pauses may overlap; their union counts. A pause with a zero To is
// still open: Elapsed treats it as lasting to the end of the measured span,
// and Due returns the zero time when the clock stops in an open pause before
// the allowance is used up (the request has no due moment until the pause
// ends). On a days limit a pause moves the due moment later by the working
// (or, on the 24x7 clock, wall) time it covers.
//
// # Holiday schedule files
//
// A year's schedule is exchanged as JSON (ParseSchedule, FormatSchedule), the
// same format as the shipped PRC data in holidays/cn:
//
//	{
//	  "year": 2026,
//	  "sources": [{
//	    "title": "国务院办公厅关于2026年部分节假日安排的通知",
//	    "number": "国办发明电〔2025〕7号",
//	    "published": "2025-11-04",
//	    "url": "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"
//	  }],
//	  "note": "optional remark",
//	  "holidays": [
//	    {"name": "元旦", "from": "2026-01-01", "to": "2026-01-03", "work": ["2026-01-04"]}
//	  ]
//	}
//
// year and at least one source with a title are required; number, published
// and url are optional. Each holiday names the festival, its days off from
// from to to (inclusive, at most 31 days) and the make-up working days the
// notice lists for it. Dates are YYYY-MM-DD, lie in the stated year or in the
// last week of December before it (2023's New Year holiday began on
// 2022-12-31), make-up days fall on a Saturday or Sunday, and no date is both
// off and worked. Unknown fields are rejected so that a misspelt key is not
// silently ignored.
package sla
