// The first-run guide: the steps that lead a new user from an empty
// database to the first request (company, who you are, colleagues, first
// customer), each done when the data it asks for is there. It is shown
// until a request exists or the user puts it away (settings.guide).

export type GuideStep = 'company' | 'me' | 'people' | 'customer' | 'request'
export const guideSteps: readonly GuideStep[] = ['company', 'me', 'people', 'customer', 'request']

/** GuideFacts is what the guide reads to know which steps are done. */
export interface GuideFacts {
  /** guide is settings.guide: "" while the guide is to be shown, "dismissed" once put away. */
  guide: string
  companyName: string
  /** me: the profile's person is on the people list with at least one role. */
  me: boolean
  /** people: how many people are on the list. */
  people: number
  customers: number
  requests: number
}

/** showGuide: the guide is shown until the first request exists or it is dismissed. */
export function showGuide(f: GuideFacts): boolean {
  return f.guide === '' && f.requests === 0
}

/** stepDone says whether the data a step asks for is there (colleagues: anyone besides oneself). */
export function stepDone(step: GuideStep, f: GuideFacts): boolean {
  switch (step) {
    case 'company':
      return f.companyName.trim() !== ''
    case 'me':
      return f.me
    case 'people':
      return f.people > 1
    case 'customer':
      return f.customers > 0
    case 'request':
      return f.requests > 0
  }
}

/** firstOpenStep is the index of the first step not done, where the guide opens. */
export function firstOpenStep(f: GuideFacts): number {
  const i = guideSteps.findIndex((s) => !stepDone(s, f))
  return i < 0 ? guideSteps.length - 1 : i
}
