import { describe, expect, it } from 'vitest'
import { AppError, fromHTTP, fromWire, toAppError } from './errors'

const wire = {
  code: 'invalid',
  message: '输入有误，请检查标出的字段',
  fields: [
    { field: 'title', key: 'required' },
    { field: 'title', key: 'too_long', params: { max: 200 } },
  ],
}

describe('toAppError', () => {
  it('parses the JSON string Wails rejects with', () => {
    const e = toAppError(JSON.stringify(wire))
    expect(e).toBeInstanceOf(AppError)
    expect(e.code).toBe('invalid')
    expect(e.message).toBe('输入有误，请检查标出的字段')
    expect(e.fields).toEqual(wire.fields)
    expect(e.fieldError('title')?.key).toBe('required')
  })

  it('parses a decoded error object', () => {
    const e = toAppError({ code: 'conflict', message: '需求已被其他人修改，请刷新后再编辑' })
    expect(e.code).toBe('conflict')
    expect(e.fields).toEqual([])
  })

  it('parses JSON wrapped in an Error', () => {
    const e = toAppError(new Error('{"code":"not_found","message":"需求不存在"}'))
    expect(e.code).toBe('not_found')
    expect(e.message).toBe('需求不存在')
  })

  it('treats a plain string as an internal error keeping its text', () => {
    const e = toAppError('runtime error: index out of range')
    expect(e.code).toBe('internal')
    expect(e.message).toBe('runtime error: index out of range')
  })

  it('treats a fetch TypeError as the service being unreachable', () => {
    const e = toAppError(new TypeError('Failed to fetch'))
    expect(e.code).toBe('unavailable')
  })

  it('maps unknown codes to internal', () => {
    expect(toAppError({ code: 'teapot', message: 'x' }).code).toBe('internal')
  })

  it('drops malformed field entries', () => {
    const e = toAppError({ code: 'invalid', message: '', fields: [{ field: 'a' }, 'b', { field: 'c', key: 'required', params: 3 }] })
    expect(e.fields).toEqual([{ field: 'c', key: 'required' }])
  })

  it('returns an AppError unchanged', () => {
    const a = new AppError('forbidden', 'no')
    expect(toAppError(a)).toBe(a)
  })

  it('handles null and undefined', () => {
    expect(toAppError(undefined).code).toBe('internal')
    expect(toAppError(null).code).toBe('internal')
  })
})

describe('fromHTTP', () => {
  it('uses the error body when it is one', () => {
    const e = fromHTTP(422, JSON.stringify(wire))
    expect(e.code).toBe('invalid')
    expect(e.fields).toHaveLength(2)
  })

  it('recognises a refused session by its status', () => {
    expect(fromHTTP(401, '<!doctype html><p>需要访问令牌</p>').code).toBe('unauthorized')
  })

  it('falls back to internal with the status', () => {
    const e = fromHTTP(502, 'Bad Gateway')
    expect(e.code).toBe('internal')
    expect(e.message).toContain('502')
  })
})

describe('fromWire', () => {
  it('rejects what is not an error', () => {
    expect(fromWire([1, 2])).toBeNull()
    expect(fromWire({ message: 'no code' })).toBeNull()
    expect(fromWire('text')).toBeNull()
  })
})
