import { describe, expect, it } from 'vitest'
import { AppError, toAppError } from '../api/errors'
import { translator } from '../test/i18n'
import { errorMessage, fieldMessage, fieldMessages, paramText } from './fieldErrors'

const zh = translator('zh-CN')
const en = translator('en')

// Every message key the Go code reports (grep internal/ for Add( and AddParams().
const backendKeys = [
  'required',
  'too_long',
  'phone_invalid',
  'email_invalid',
  'contact_info_invalid',
  'not_in_list',
  'in_future',
  'too_early',
  'not_found',
  'contact_not_of_customer',
  'duplicate',
  'single_line',
  'date_invalid',
  'required_by_pattern',
  'unknown_placeholder',
  'sequence_missing',
  'sequence_twice',
  'sequence_too_long',
  'pattern_chars',
  'device_code_invalid',
  'invalid_text',
  'control_chars',
  'before_receipt',
  'in_past',
  'not_a_person',
  'person_inactive',
  'not_of_department',
  'not_reviewer',
  'on_behalf_required',
  'not_a_type',
  'joined_account',
  'invalid_json',
]

describe('fieldMessage', () => {
  it('translates a key', () => {
    expect(fieldMessage({ field: 'title', key: 'required' }, zh)).toBe('此项为必填项')
    expect(fieldMessage({ field: 'title', key: 'required' }, en)).toBe('Required')
  })

  it('fills the params', () => {
    expect(fieldMessage({ field: 'title', key: 'too_long', params: { max: 200 } }, zh)).toBe('不能超过 200 个字')
    expect(fieldMessage({ field: 'numberPattern', key: 'unknown_placeholder', params: { token: '{X}' } }, zh)).toBe(
      '无法识别的占位符：{X}',
    )
  })

  it('falls back for a key it does not know', () => {
    expect(fieldMessage({ field: 'title', key: 'brand_new_rule' }, zh)).toBe('此项有误')
  })

  it.each(backendKeys)('has a message for backend key %s in both languages', (key) => {
    for (const tr of [zh, en]) {
      expect(tr.te(`errors.fields.${key}`)).toBe(true)
      const msg = fieldMessage({ field: 'f', key, params: { max: 9, token: '{Q}' } }, tr)
      expect(msg).not.toBe(tr.t('errors.fields.unknown'))
      expect(msg).not.toMatch(/\{(max|token)\}/)
    }
  })
})

describe('fieldMessages', () => {
  it('maps fields to messages, joining several for one field', () => {
    const m = fieldMessages(
      [
        { field: 'title', key: 'required' },
        { field: 'channel', key: 'not_in_list' },
        { field: 'title', key: 'too_long', params: { max: 200 } },
        { field: 'title', key: 'required' },
      ],
      zh,
    )
    expect(m).toEqual({ title: '此项为必填项；不能超过 200 个字', channel: '不在可选列表中，请重新选择' })
  })

  it('renames backend fields to the form', () => {
    const m = fieldMessages([{ field: 'contacts.0.phone', key: 'phone_invalid' }], zh, (f) =>
      f === 'contacts.0.phone' ? 'contactPhone' : f,
    )
    expect(m).toEqual({ contactPhone: '电话号码格式不正确' })
  })
})

describe('errorMessage', () => {
  it('prefers the backend sentence in Chinese', () => {
    expect(errorMessage(new AppError('conflict', '需求已被其他人修改，请刷新后再编辑'), zh)).toBe('需求已被其他人修改，请刷新后再编辑')
  })

  it('translates the code in English', () => {
    expect(errorMessage(new AppError('conflict', '需求已被其他人修改'), en)).toBe('Someone else changed this; reload and try again')
  })

  it('translates client-side codes even in Chinese', () => {
    expect(errorMessage(new AppError('unavailable', 'Failed to fetch'), zh)).toBe('无法连接到需求管家，请确认程序仍在运行')
  })

  it('uses the code when the backend gave no sentence', () => {
    expect(errorMessage(new AppError('not_found', ''), zh)).toBe('记录不存在或已被删除')
  })
})

describe('errorMessage with a message key', () => {
  // As internal/request sends a refused step: a key, Terms and a nested reason.
  const refused = {
    code: 'invalid_transition',
    message: '不能批准方案：只有总经理可以批准方案（总经理：张总）……',
    key: 'step_refused',
    params: {
      action: { kind: 'enums.moveAction', code: 'approve', name: '批准方案' },
      reason: {
        key: 'guard_manager_only',
        params: { action: { kind: 'enums.moveAction', code: 'approve', name: '批准方案' }, names: ['张总', '王总'], actor: '李娜' },
      },
    },
  }

  it('translates key and params in Chinese', () => {
    const msg = errorMessage(toAppError(refused), zh)
    expect(msg).toContain('不能批准方案：只有总经理可以批准方案（总经理：张总、王总）')
    expect(msg).toContain('“李娜”')
  })

  it('translates key and params in English, with no Chinese but the names of people', () => {
    const msg = errorMessage(toAppError(refused), en)
    expect(msg).toContain('Cannot Approve plan: only the general manager may Approve plan (general managers: 张总, 王总)')
    expect(msg.replace(/张总|王总|李娜/g, '')).not.toMatch(/\p{Script=Han}/u)
  })

  it('names things and statuses through their lists', () => {
    const e = toAppError({ code: 'not_found', message: '客户不存在或已被删除', key: 'not_found', params: { thing: { kind: 'errors.things', code: 'customer', name: '客户' } } })
    expect(errorMessage(e, zh)).toBe('客户不存在或已被删除')
    expect(errorMessage(e, en)).toBe('The customer does not exist or has been deleted')
  })

  it('falls back to the code in English for a key it does not know', () => {
    const e = toAppError({ code: 'conflict', message: '新的中文句子', key: 'brand_new' })
    expect(errorMessage(e, zh)).toBe('新的中文句子')
    expect(errorMessage(e, en)).toBe('Someone else changed this; reload and try again')
  })

  it('keeps a Chinese term name out of English when the list lacks the code', () => {
    expect(paramText({ kind: 'enums.status', code: 'teleported', name: '已传送' }, en)).toBe('teleported')
    expect(paramText({ kind: 'enums.status', code: 'teleported', name: '已传送' }, zh)).toBe('已传送')
  })
})

describe('fieldMessage ranges', () => {
  it('gives the range when the backend sent it', () => {
    expect(fieldMessage({ field: 'percent', key: 'out_of_range', params: { min: 0, max: 100 } }, zh)).toBe('须在 0 至 100 之间')
    expect(fieldMessage({ field: 'percent', key: 'out_of_range', params: { min: 1 } }, en)).toBe('Must be at least 1')
    expect(fieldMessage({ field: 'percent', key: 'out_of_range' }, zh)).toBe('超出允许的范围')
  })
})

describe('errorMessage of what serve mode refuses', () => {
  // As internal/server answers a call it cannot take: a key, with the field as a Term and what it wants as a key.
  const badArg = {
    code: 'invalid',
    message: '每页条数：应为整数',
    key: 'arg_invalid',
    params: { label: { kind: 'errors.args', code: 'limit', name: '每页条数' }, want: { key: 'arg_want_integer' } },
  }
  const badItem = {
    code: 'invalid',
    message: '第 2 项的接收时间：日期格式不对',
    key: 'arg_invalid',
    params: {
      label: { key: 'arg_item', params: { n: 2, label: { kind: 'fields.request', code: 'receivedAt', name: '接收时间' } } },
      want: { key: 'arg_want_time' },
    },
  }
  const unknown = { code: 'not_found', message: '没有这个接口：X.Y', key: 'method_unknown_named', params: { name: 'X.Y' } }
  const oneRole = {
    code: 'forbidden',
    message: '无权执行此操作：需要「管理员」角色',
    key: 'forbidden_role_one',
    params: { role: { kind: 'auth.roles', code: 'admin', name: '管理员' } },
  }

  it.each([
    ['a bad argument', badArg, 'Page size: must be a whole number'],
    ['a bad list item', badItem, 'Received at of item 2: the date is not valid'],
    ['an unknown function', unknown, 'No such function: X.Y'],
    ['one role', oneRole, 'Not allowed: this needs the “Administrator” role'],
  ])('speaks English for %s', (_, wire, want) => {
    const text = errorMessage(toAppError(JSON.stringify(wire)), en)
    expect(text.startsWith(want)).toBe(true)
    expect(text).not.toMatch(/\p{Script=Han}/u)
  })

  it('says one role naturally in Chinese', () => {
    expect(errorMessage(toAppError(JSON.stringify(oneRole)), zh)).toBe('无权执行此操作：需要「管理员」角色')
  })
})
