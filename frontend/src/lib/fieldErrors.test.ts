import { describe, expect, it } from 'vitest'
import { AppError } from '../api/errors'
import { translator } from '../test/i18n'
import { errorMessage, fieldMessage, fieldMessages } from './fieldErrors'

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
