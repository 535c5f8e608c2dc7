// Drill-downs: from a number of the dashboard to the requests behind it. A
// drill travels to the request list in the URL query (d.* keys), so the
// back button and a reload keep it; the backend selects the requests
// (request.Drill, internal/report Selects).
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Drill } from '../api/types'
import { periodDays } from './period'

export type DrillPart = 'in' | 'hit' | 'miss'
/** Dimensions a drill can select by; stage, age and open read the requests open now. */
export type DrillDim = 'type' | 'channel' | 'category' | 'urgency' | 'department' | 'owner' | 'term' | 'stage' | 'age' | 'open'
const dims: readonly string[] = ['type', 'channel', 'category', 'urgency', 'department', 'owner', 'term', 'stage', 'age', 'open']
const openDims: readonly string[] = ['stage', 'age', 'open']

function blank(): Drill {
  return { measure: '', part: '', from: '', to: '', department: '', dim: '', key: '', stage: '', label: '' }
}

/**
 * measureDrill selects the requests a measure counted over a period (part
 * "in"), or only its hits or misses, within department ("" for all).
 */
export function measureDrill(period: string, department: string, measure: string, part: DrillPart, label: string): Drill | null {
  const days = periodDays(period)
  if (!days) return null
  return { ...blank(), measure, part, ...days, department, label }
}

/**
 * dimDrill selects the requests received in a period with one value of a
 * dimension (type, channel …), optionally only those a measure counted.
 */
export function dimDrill(
  period: string,
  department: string,
  dim: DrillDim,
  key: string,
  label: string,
  measure = '',
  part: DrillPart = 'in',
): Drill | null {
  const days = periodDays(period)
  if (!days) return null
  return { ...blank(), dim, key, ...days, department, label, measure, part: measure ? part : '' }
}

/** openDrill selects open requests: all (dim "open"), at a stage, or of an age bucket within a stage. */
export function openDrill(department: string, dim: 'open' | 'stage' | 'age', key: string, label: string, stage = ''): Drill {
  return { ...blank(), dim, key, stage, department, label }
}

type QueryValue = LocationQuery[string] | undefined
function one(v: QueryValue): string {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : ''
}

const dayRE = /^\d{4}-\d{2}-\d{2}$/

/** drillFromQuery reads a drill from the list's URL query; null when there is none or it is malformed. */
export function drillFromQuery(q: LocationQuery): Drill | null {
  const d: Drill = {
    measure: one(q['d.measure']).trim(),
    part: one(q['d.part']).trim(),
    from: one(q['d.from']).trim(),
    to: one(q['d.to']).trim(),
    department: one(q['d.dept']),
    dim: one(q['d.dim']).trim(),
    key: one(q['d.key']),
    stage: one(q['d.stage']).trim(),
    label: one(q['d.label']).trim(),
  }
  if (d.measure === '' && d.dim === '') return null
  if (d.dim !== '' && !dims.includes(d.dim)) return null
  if (d.part !== '' && !['in', 'hit', 'miss'].includes(d.part)) return null
  if (!openDims.includes(d.dim) && !(dayRE.test(d.from) && dayRE.test(d.to))) return null
  return d
}

/** drillToQuery writes a drill to URL query keys, leaving out the empty ones (a dimension's key may be empty). */
export function drillToQuery(d: Drill): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  if (d.measure) q['d.measure'] = d.measure
  if (d.part) q['d.part'] = d.part
  if (d.from) q['d.from'] = d.from
  if (d.to) q['d.to'] = d.to
  if (d.department) q['d.dept'] = d.department
  if (d.dim) {
    q['d.dim'] = d.dim
    q['d.key'] = d.key
  }
  if (d.stage) q['d.stage'] = d.stage
  if (d.label) q['d.label'] = d.label
  return q
}
