import { describe, expect, it } from 'vitest'
import { blankBody, type StageRecord } from '../api/records'
import rules from '../test/process.json'
import { dependencyNames, flattenTree, openDependencies, siblingsOf } from './recordTree'

function sub(id: string, title: string, parentId = '', extra: Partial<StageRecord<'sub_requirement'>['body']> = {}): StageRecord<'sub_requirement'> {
  return {
    id,
    requestId: 'r1',
    kind: 'sub_requirement',
    parentId,
    body: { ...blankBody('sub_requirement'), title, ...extra },
    createdBy: '王强',
    createdAt: '',
    updatedAt: '',
    version: 1,
  }
}

describe('flattenTree', () => {
  it('lays out parents before children, depth first, in the given order', () => {
    const recs = [sub('a', '需求分析'), sub('b', '方案设计'), sub('a1', '现场调研', 'a'), sub('a2', '访谈', 'a'), sub('a1x', '记录整理', 'a1')]
    const rows = flattenTree(recs)
    expect(rows.map((r) => [r.record.id, r.depth, r.children])).toEqual([
      ['a', 0, 2],
      ['a1', 1, 1],
      ['a1x', 2, 0],
      ['a2', 1, 0],
      ['b', 0, 0],
    ])
  })

  it('shows records with a missing parent or a loop of parents at the top', () => {
    const rows = flattenTree([sub('x', '孤儿', 'gone'), sub('p', 'P', 'q'), sub('q', 'Q', 'p')])
    expect(rows.map((r) => r.record.id).sort()).toEqual(['p', 'q', 'x'])
    expect(rows.find((r) => r.record.id === 'x')?.depth).toBe(0)
  })
})

describe('dependencies', () => {
  const recs = [sub('a', '方案设计', '', { status: 'done' }), sub('b', '开发测试', '', { dependsOn: ['a'] }), sub('c', '部署上线', '', { dependsOn: ['b', 'gone'] }), sub('d', '子项', 'a')]

  it('offers the siblings of a record to depend on', () => {
    expect(siblingsOf(recs, '', 'b').map((r) => r.id)).toEqual(['a', 'c'])
    expect(siblingsOf(recs, 'a').map((r) => r.id)).toEqual(['d'])
  })

  it('names dependencies and those still open', () => {
    expect(dependencyNames(recs, ['b', 'gone'])).toEqual(['开发测试'])
    expect(openDependencies(recs, ['a', 'b'], rules)).toEqual(['开发测试'])
  })
})
