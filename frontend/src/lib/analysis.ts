// Scoring and priority (template 002): the four quadrants (四象限) a need
// falls in from its customer and business value and its urgency horizon,
// computed as internal/request's Analysis.Quadrant does.
import type { Analysis } from '../api/records'

export type Quadrant = 'urgent_important' | 'important_not_urgent' | 'urgent_not_important' | 'neither'

/** Quadrants from the first to deal with to the last: 紧急且重要 > 重要不紧急 > 紧急不重要 > 不紧急不重要. */
export const quadrants: readonly Quadrant[] = ['urgent_important', 'important_not_urgent', 'urgent_not_important', 'neither']

/**
 * quadrant places an analysis: important when either value is 4 or more,
 * urgent when the horizon is 立即 (immediate). "" while nothing is scored.
 */
export function quadrant(a: Pick<Analysis, 'customerValue' | 'businessValue' | 'horizon'>): Quadrant | '' {
  if (a.customerValue === 0 && a.businessValue === 0 && a.horizon === '') return ''
  const important = a.customerValue >= 4 || a.businessValue >= 4
  const urgent = a.horizon === 'immediate'
  if (urgent && important) return 'urgent_important'
  if (important) return 'important_not_urgent'
  if (urgent) return 'urgent_not_important'
  return 'neither'
}

/** quadrantRank orders quadrants, 1 first; 0 for none. */
export function quadrantRank(q: Quadrant | ''): number {
  return q === '' ? 0 : quadrants.indexOf(q) + 1
}

/**
 * highValue mirrors request.Analysis.HighValue: customer or business value 4 or 5 marks a
 * high-value need, assessed every quarter (plan 004, 季度价值评估).
 */
export function highValue(a: Pick<Analysis, 'customerValue' | 'businessValue'>): boolean {
  return a.customerValue >= 4 || a.businessValue >= 4
}
