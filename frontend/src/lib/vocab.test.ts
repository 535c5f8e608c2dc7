import { describe, expect, it } from 'vitest'
import type { VocabItem } from '../api/types'
import { filterOptions, moveItem, vocabOptions } from './vocab'

function item(id: string, label: string, active = true): VocabItem {
  return { id, kind: 'channel', label, sortOrder: 0, active, defaultPath: '', createdAt: '', updatedAt: '', version: 1 }
}

const items = [item('1', '电话'), item('2', '邮件'), item('3', '传真', false)]

describe('vocabOptions', () => {
  it('offers active items only', () => {
    expect(vocabOptions(items).map((o) => o.value)).toEqual(['电话', '邮件'])
  })

  it('keeps a retired or vanished value the record already has, marked', () => {
    const got = vocabOptions(items, ['传真', '', '短信', '电话'])
    expect(got).toEqual([
      { label: '电话', value: '电话' },
      { label: '邮件', value: '邮件' },
      { label: '传真', value: '传真', retired: true },
      { label: '短信', value: '短信', retired: true },
    ])
  })

  it('offers every item for filtering old records', () => {
    expect(filterOptions(items).map((o) => [o.value, o.retired])).toEqual([
      ['电话', false],
      ['邮件', false],
      ['传真', true],
    ])
  })
})

describe('moveItem', () => {
  it('moves up and down', () => {
    expect(moveItem(items, 1, -1)).toEqual(['2', '1', '3'])
    expect(moveItem(items, 1, 1)).toEqual(['1', '3', '2'])
  })

  it('refuses to move past the ends', () => {
    expect(moveItem(items, 0, -1)).toBeNull()
    expect(moveItem(items, 2, 1)).toBeNull()
  })
})
