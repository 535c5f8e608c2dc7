import { describe, expect, it } from 'vitest'
import enMessages from '../locales/en'
import zhMessages from '../locales/zh-CN'
import { commonTimeZones, timeZoneOptions, zoneKey } from './timeZones'

describe('timeZoneOptions', () => {
  const names: Record<string, string> = { Asia_Shanghai: '北京时间' }
  const name = (z: string) => names[zoneKey(z)]

  it('offers the common zones, the default first, named when the locale names them', () => {
    const opts = timeZoneOptions('Asia/Shanghai', name)
    expect(opts.map((o) => o.value)).toEqual([...commonTimeZones])
    expect(opts[0]).toEqual({ value: 'Asia/Shanghai', label: '北京时间 · Asia/Shanghai' })
    expect(opts.find((o) => o.value === 'UTC')?.label).toBe('UTC')
  })

  it('keeps a stored zone that is not among the common ones', () => {
    const opts = timeZoneOptions('Asia/Urumqi', name)
    expect(opts.at(-1)).toEqual({ value: 'Asia/Urumqi', label: 'Asia/Urumqi' })
    expect(opts).toHaveLength(commonTimeZones.length + 1)
  })

  it('has a name for every common zone in both languages', () => {
    for (const messages of [zhMessages, enMessages]) {
      const zones = (messages as { settings: { timeZones: Record<string, string> } }).settings.timeZones
      for (const z of commonTimeZones) expect(zones[zoneKey(z)], z).toBeTruthy()
    }
  })
})
