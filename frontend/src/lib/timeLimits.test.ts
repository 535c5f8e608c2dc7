import { describe, expect, it } from 'vitest'
import { clockKinds, clockStates, policyLimitFields } from '../api/timelimits'
import { translator } from '../test/i18n'
import {
  clockKindLabel,
  clockStateLabel,
  clockStateType,
  clockTimeText,
  clockToMinutes,
  formatDuration,
  hoursFieldToRow,
  isRunning,
  limitParts,
  limitText,
  minutesToClock,
  overdueSeconds,
  policyFieldToForm,
  scheduleFieldLabel,
  scheduleProblems,
  slaFieldMessage,
  slaFieldMessages,
  sortPolicies,
  workingMinutes,
} from './timeLimits'

const zh = translator('zh-CN')
const en = translator('en')

const MIN = 60
const HOUR = 3600
const DAY = 86400

describe('formatDuration', () => {
  it.each([
    { name: 'hours and minutes', s: 2 * HOUR + 15 * MIN, want: '2 小时 15 分' },
    { name: 'days and hours', s: DAY + 3 * HOUR + 20 * MIN, want: '1 天 3 小时' },
    { name: 'whole days', s: 3 * DAY, want: '3 天' },
    { name: 'days and minutes show only days', s: 2 * DAY + 5 * MIN, want: '2 天' },
    { name: 'minutes', s: 5 * MIN + 59, want: '5 分' },
    { name: 'whole hours', s: 4 * HOUR, want: '4 小时' },
    { name: 'under a minute', s: 59, want: '不到 1 分钟' },
    { name: 'zero', s: 0, want: '不到 1 分钟' },
    { name: 'negative is its size', s: -(HOUR + 30 * MIN), want: '1 小时 30 分' },
  ])('$name', ({ s, want }) => {
    expect(formatDuration(s, zh)).toBe(want)
  })

  it('speaks English', () => {
    expect(formatDuration(2 * HOUR + 15 * MIN, en)).toBe('2 h 15 min')
    expect(formatDuration(DAY + 3 * HOUR, en)).toBe('1 d 3 h')
  })
})

describe('clockTimeText', () => {
  const now = new Date('2026-11-20T10:00:00+08:00')

  it('says what is left of a running clock', () => {
    expect(clockTimeText({ state: 'on_track', due: '2026-11-20T04:15:00Z', remaining: 2 * HOUR + 15 * MIN }, now, zh)).toBe(
      '剩余 2 小时 15 分',
    )
    expect(clockTimeText({ state: 'due_soon', due: '2026-11-20T02:20:00Z', remaining: 20 * MIN }, now, zh)).toBe('剩余 20 分')
  })

  it('says how long ago a breached clock fell due, in wall-clock time', () => {
    // Due 2026-11-19 07:00 Beijing time: 1 day 3 hours before now.
    const b = { state: 'breached', due: '2026-11-18T23:00:00Z', remaining: 0 }
    expect(clockTimeText(b, now, zh)).toBe('已超时 1 天 3 小时')
    expect(clockTimeText(b, now, en)).toBe('Overdue by 1 d 3 h')
  })

  it('says a clock has just fallen due within the first minute', () => {
    expect(clockTimeText({ state: 'breached', due: '2026-11-20T01:59:30Z', remaining: 0 }, now, zh)).toBe('刚刚超时')
  })

  it('names the remaining time of a paused clock', () => {
    expect(clockTimeText({ state: 'paused', due: '0001-01-01T00:00:00Z', remaining: 3 * HOUR }, now, zh)).toBe(
      '已暂停，剩余 3 小时',
    )
  })

  it('names finished states', () => {
    expect(clockTimeText({ state: 'met', due: '2026-11-20T04:15:00Z', remaining: 0 }, now, zh)).toBe('按时完成')
    expect(clockTimeText({ state: 'late', due: '2026-11-20T04:15:00Z', remaining: 0 }, now, zh)).toBe('超时完成')
  })
})

describe('overdueSeconds', () => {
  const now = new Date('2026-11-20T02:00:00Z')
  it('counts from the due time', () => {
    expect(overdueSeconds('2026-11-20T01:00:00Z', now)).toBe(HOUR)
  })
  it('is 0 before the due time and without one', () => {
    expect(overdueSeconds('2026-11-20T03:00:00Z', now)).toBe(0)
    expect(overdueSeconds('0001-01-01T00:00:00Z', now)).toBe(0)
    expect(overdueSeconds('', now)).toBe(0)
  })
})

describe('limitText', () => {
  it.each([
    { name: 'working days', l: { amount: 3, unit: 'days', clock: 'working' }, want: '3 个工作日' },
    { name: '24x7 hours', l: { amount: 4, unit: 'hours', clock: '24x7' }, want: '4 小时（全天候）' },
    { name: 'working hours', l: { amount: 8, unit: 'hours', clock: 'working' }, want: '8 小时（工作时间）' },
    { name: '24x7 minutes', l: { amount: 5, unit: 'minutes', clock: '24x7' }, want: '5 分钟（全天候）' },
    { name: 'calendar days', l: { amount: 2, unit: 'days', clock: '24x7' }, want: '2 天（全天候）' },
    { name: 'at once', l: { amount: 0, unit: 'minutes', clock: '24x7' }, want: '立即' },
    { name: 'off', l: { amount: 0, unit: '', clock: '' }, want: '不考核' },
  ])('$name', ({ l, want }) => {
    expect(limitText(l, zh)).toBe(want)
  })

  it('uses the singular in English', () => {
    expect(limitText({ amount: 1, unit: 'days', clock: 'working' }, en)).toBe('1 working day')
    expect(limitText({ amount: 3, unit: 'days', clock: 'working' }, en)).toBe('3 working days')
    expect(limitText({ amount: 4, unit: 'hours', clock: '24x7' }, en)).toBe('4 hours (24x7)')
  })

  it('treats a missing limit as off', () => {
    expect(limitText(undefined, zh)).toBe('不考核')
  })
})

describe('labels', () => {
  it('name every clock kind in the process order', () => {
    expect(clockKinds.map((k) => clockKindLabel(zh, k))).toEqual([
      '登记',
      '分类',
      '首次响应',
      '渠道首次响应',
      '电话接听',
      '转交部门',
      '转交后答复',
      '开始处理',
      '进度更新',
      '解决',
      '结果反馈',
      '满意度回访',
      '投诉受理',
      '投诉答复',
    ])
    for (const k of clockKinds) expect(en.te(`sla.kind.${k}`), k).toBe(true)
  })

  it('name every state, in both languages', () => {
    for (const s of clockStates) {
      expect(zh.te(`sla.state.${s}`), s).toBe(true)
      expect(en.te(`sla.state.${s}`), s).toBe(true)
    }
    expect(clockStateLabel(zh, 'due_soon')).toBe('即将到期')
    expect(clockStateLabel(zh, 'breached')).toBe('已超时')
  })

  it('name every policy field and its column', () => {
    for (const f of policyLimitFields) {
      expect(zh.te(`sla.settings.field.${f}`), f).toBe(true)
      expect(zh.te(`sla.settings.column.${f}`), f).toBe(true)
      expect(zh.te(`sla.settings.fieldHelp.${f}`), f).toBe(true)
    }
  })

  it('fall back to the code for an unknown kind or state', () => {
    expect(clockKindLabel(zh, 'teleport')).toBe('teleport')
    expect(clockStateLabel(zh, 'odd')).toBe('odd')
  })
})

describe('clockStateType', () => {
  it.each([
    ['on_track', 'success'],
    ['met', 'success'],
    ['due_soon', 'warning'],
    ['breached', 'error'],
    ['late', 'error'],
    ['paused', 'info'],
    ['stopped', 'default'],
    ['not_started', 'default'],
  ])('%s is %s', (state, want) => {
    expect(clockStateType(state)).toBe(want)
  })
})

describe('isRunning', () => {
  it('is true for clocks that still count', () => {
    expect(['on_track', 'due_soon', 'breached', 'paused'].every(isRunning)).toBe(true)
    expect(['met', 'late', 'stopped', 'not_started'].some(isRunning)).toBe(false)
  })
})

describe('clock times', () => {
  it('show minutes since midnight', () => {
    expect(minutesToClock(9 * 60)).toBe('09:00')
    expect(minutesToClock(13 * 60 + 30)).toBe('13:30')
    expect(minutesToClock(1440)).toBe('24:00')
  })

  it.each([
    ['09:00', 540],
    ['9:00', 540],
    [' 13:30 ', 810],
    ['13：30', 810],
    ['24:00', 1440],
    ['00:00', 0],
    ['24:01', null],
    ['12:60', null],
    ['25:00', null],
    ['9', null],
    ['', null],
  ])('read %j as %j', (s, want) => {
    expect(clockToMinutes(s)).toBe(want)
  })

  it('total a day of working hours', () => {
    const ivs = [
      { start: 540, end: 720 },
      { start: 810, end: 1080 },
    ]
    expect(workingMinutes(ivs)).toBe(450)
  })
})

describe('sortPolicies', () => {
  const p = (urgency: string, type = '', channel = '') => ({ urgency, type, channel })
  it('puts urgent first and the general policy before specific ones', () => {
    const got = sortPolicies(
      [p('normal'), p('urgent', '投诉'), p('potential'), p('urgent'), p('urgent', '', '电话'), p('important')],
      ['urgent', 'important', 'normal', 'potential'],
    )
    expect(got).toEqual([p('urgent'), p('urgent', '', '电话'), p('urgent', '投诉'), p('important'), p('normal'), p('potential')])
  })
})

describe('field names', () => {
  it('map policy fields to the form rows', () => {
    expect(policyFieldToForm('resolve.amount')).toBe('resolve')
    expect(policyFieldToForm('urgency')).toBe('urgency')
  })

  it('map working-hour fields to the editor rows', () => {
    expect(hoursFieldToRow('hours.week.mon.0')).toBe('week.1')
    expect(hoursFieldToRow('hours.week.sun.2')).toBe('week.0')
    expect(hoursFieldToRow('hours.makeUp.1')).toBe('makeUp')
    expect(hoursFieldToRow('hours.week')).toBe('week')
    expect(hoursFieldToRow('dueSoonPercent')).toBe('dueSoonPercent')
  })
})

describe('schedule problems', () => {
  it('translate time-limit keys, then the shared ones', () => {
    expect(slaFieldMessage({ field: 'week', key: 'no_working_hours' }, zh)).toBe('每周至少要有一天设有工作时间')
    expect(slaFieldMessage({ field: 'title', key: 'required' }, zh)).toBe('此项为必填项')
    expect(slaFieldMessage({ field: 'x', key: 'nonsense' }, zh)).toBe('此项有误')
  })

  it('join several problems of one field', () => {
    const got = slaFieldMessages(
      [
        { field: 'hours.week.mon.0', key: 'overlap' },
        { field: 'hours.week.mon.1', key: 'end_before_start' },
        { field: 'hours.week.mon.2', key: 'overlap' },
      ],
      zh,
      hoursFieldToRow,
    )
    expect(got).toEqual({ 'week.1': '与其他时段重叠；结束须晚于开始' })
  })

  it('name the place in the file', () => {
    expect(scheduleFieldLabel('year', zh)).toBe('年份')
    expect(scheduleFieldLabel('sources', zh)).toBe('通知标题')
    expect(scheduleFieldLabel('sources.0.published', zh)).toBe('发布日期')
    expect(scheduleFieldLabel('holidays', zh)).toBe('假期安排')
    expect(scheduleFieldLabel('holidays.1.from', zh)).toBe('第 2 个假期·开始')
    expect(scheduleFieldLabel('holidays.0.work.1', zh)).toBe('第 1 个假期·调休上班日')
    expect(scheduleFieldLabel('file', zh)).toBe('文件')
  })

  it('list each problem in Chinese, with the parser detail for a broken file', () => {
    expect(
      scheduleProblems(
        [
          { field: 'holidays.0.work.0', key: 'not_weekend' },
          { field: 'year', key: 'required' },
        ],
        zh,
      ),
    ).toEqual(['第 1 个假期·调休上班日：调休上班日应为周六或周日', '年份：此项为必填项'])
    expect(scheduleProblems([{ field: 'file', key: 'json_invalid', params: { detail: 'unexpected EOF' } }], zh)).toEqual([
      '文件：文件不是有效的节假日安排 JSON（unexpected EOF）',
    ])
  })
})

describe('limitParts', () => {
  it.each([
    { l: { amount: 30, unit: 'minutes', clock: '24x7' }, want: { amount: '30 分钟', clock: '全天候' } },
    { l: { amount: 8, unit: 'hours', clock: 'working' }, want: { amount: '8 小时', clock: '工作时间' } },
    { l: { amount: 3, unit: 'days', clock: 'working' }, want: { amount: '3 个工作日', clock: '' } },
    { l: { amount: 2, unit: 'days', clock: '24x7' }, want: { amount: '2 天', clock: '全天候' } },
    { l: { amount: 0, unit: 'minutes', clock: '24x7' }, want: { amount: '立即', clock: '全天候' } },
    { l: { amount: 0, unit: '', clock: '' }, want: { amount: '不考核', clock: '' } },
  ])('$want.amount $want.clock', ({ l, want }) => {
    expect(limitParts(l, zh)).toEqual(want)
  })

  it('uses the singular in English', () => {
    expect(limitParts({ amount: 1, unit: 'days', clock: 'working' }, en).amount).toBe('1 working day')
  })
})
