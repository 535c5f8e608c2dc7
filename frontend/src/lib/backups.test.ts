import { describe, expect, it } from 'vitest'
import { backupKind, passphraseProblem, pieces } from './backups'

describe('backupKind', () => {
  it.each([
    ['reqdesk-auto-20260315-093000.db', 'auto'],
    ['reqdesk-premigrate-v3-20260315-093000.db', 'premigrate'],
    ['reqdesk-before-restore-20260315-093000.db', 'beforeRestore'],
    ['reqdesk-imported-20260315-093000.db.age', 'imported'],
    ['reqdesk-20260315-093000.db', 'manual'],
  ])('%s is %s', (name, kind) => {
    expect(backupKind(name)).toBe(kind)
  })
})

describe('pieces', () => {
  it('cuts a file into pieces no larger than the limit, the last marked', () => {
    expect(pieces(10, 4)).toEqual([
      { offset: 0, end: 4, last: false },
      { offset: 4, end: 8, last: false },
      { offset: 8, end: 10, last: true },
    ])
    expect(pieces(8, 4).at(-1)).toEqual({ offset: 4, end: 8, last: true })
  })
  it('sends an empty file as one empty piece, for the backend to refuse', () => {
    expect(pieces(0, 4)).toEqual([{ offset: 0, end: 0, last: true }])
  })
})

describe('passphraseProblem', () => {
  it('accepts none, or a long enough one typed twice', () => {
    expect(passphraseProblem('', '', 8)).toBeNull()
    expect(passphraseProblem('长城长江黄河泰山', '长城长江黄河泰山', 8)).toBeNull()
  })
  it('counts characters, not bytes, and wants both the same', () => {
    expect(passphraseProblem('长城长江', '长城长江', 8)).toBe('short')
    expect(passphraseProblem('correct horse', 'correct hose', 8)).toBe('mismatch')
    expect(passphraseProblem('', 'typed only here', 8)).toBe('mismatch')
  })
  it('goes by the limit it is given', () => {
    expect(passphraseProblem('abcdefghij', 'abcdefghij', 12)).toBe('short')
    expect(passphraseProblem('abcd', 'abcd', 4)).toBeNull()
  })
})
