// The stage timeline at the top of a request: the stages of its path (the
// full path of template 000 or the short path of manual 001), which are done,
// which one it is in, and what comes next, derived from its status, path and
// transition log. Side states (on hold, rejected, cancelled) mark the stage
// where the request stopped. Which status belongs to which stage of which
// path is the backend's table (request.StatusTable, served with the
// process's rules): the functions here take it as an argument.
import type { Path, RequestState, StatusInfo, Transition } from '../api/types'

export type StageKey =
  | 'register'
  | 'triage'
  | 'assign'
  | 'analysis'
  | 'plan'
  | 'review'
  | 'confirm'
  | 'implementation'
  | 'delivery'
  | 'handling'
  | 'result'
  | 'feedback'
  | 'archive'

/** Stage is a step of a path and the statuses a request has while in it. */
export interface Stage {
  key: StageKey
  statuses: readonly string[]
}

/** pathStages lists a path's stages in order, read from the status table (in process order). */
export function pathStages(table: readonly StatusInfo[], path: Path): Stage[] {
  const out: { key: StageKey; statuses: string[] }[] = []
  for (const x of table) {
    if (!(x.paths ?? []).includes(path)) continue
    const last = out[out.length - 1]
    if (last && last.key === x.stage) last.statuses.push(x.status)
    else out.push({ key: x.stage as StageKey, statuses: [x.status] })
  }
  return out
}

/** sideStatuses are the statuses of no stage (on hold, rejected, cancelled). */
function sideStatuses(table: readonly StatusInfo[]): string[] {
  return table.filter((x) => (x.paths ?? []).length === 0).map((x) => x.status)
}

/** pathOf reads a request's path; requests recorded before paths existed take the full one. */
export function pathOf(state: Pick<RequestState, 'path'> | null | undefined): Path {
  return state?.path === 'short' ? 'short' : 'full'
}

export type StageState = 'done' | 'current' | 'todo'

export interface StageView {
  key: StageKey
  state: StageState
  /** status is the request's status while this is the current stage, "" otherwise. */
  status: string
  /** visited marks a stage still to do that the request had passed before (it was reopened or sent back). */
  visited: boolean
  /** enteredAt is when the request last entered the stage (ISO), "" if never. */
  enteredAt: string
  /** doneAt is when the request last left the stage forwards (ISO), "" if never. */
  doneAt: string
}

export type SideStatus = 'on_hold' | 'rejected' | 'cancelled'

/** Side is a side state: where the request stopped, since when and why. */
export interface Side {
  status: SideStatus
  /** from is the status it left for the side state. */
  from: string
  at: string
  reason: string
  followUpOn: string
}

export interface StageTimeline {
  path: Path
  stages: StageView[]
  /** current is the index of the current (or stopped) stage; stages.length - 1 once archived. */
  current: number
  side: Side | null
  /** next is the stage after the current one, null at the end or when stopped for good. */
  next: StageKey | null
}

function stageIndex(stages: readonly Stage[], status: string): number {
  return stages.findIndex((s) => s.statuses.includes(status))
}

/**
 * stageTimeline computes the timeline of a request from its path, status,
 * lifecycle state, transitions (oldest first) and creation time, by the
 * status table.
 */
export function stageTimeline(
  status: string,
  state: RequestState | null | undefined,
  transitions: readonly Transition[],
  createdAt: string,
  table: readonly StatusInfo[],
): StageTimeline {
  const path = pathOf(state)
  const stages = pathStages(table, path)

  let side: Side | null = null
  let where = status
  if (sideStatuses(table).includes(status)) {
    const into = [...transitions].reverse().find((t) => t.to === status)
    const from = status === 'on_hold' && state?.heldFrom ? state.heldFrom : (into?.from ?? 'registered')
    side = {
      status: status as SideStatus,
      from,
      at: into?.at ?? '',
      reason: state?.statusReason || into?.comment || '',
      followUpOn: status === 'on_hold' ? (state?.followUpOn ?? '') : '',
    }
    where = from
  }

  let current = stageIndex(stages, where)
  if (current < 0) {
    // A status of the other path (a short request switched to the full path
    // keeps its history): place it by the latest status this path knows.
    const known = [...transitions].reverse().find((t) => stageIndex(stages, t.to) >= 0)
    current = known ? stageIndex(stages, known.to) : 0
  }
  const archived = status === 'archived'

  const views: StageView[] = stages.map((s, i) => {
    let entered = ''
    let done = ''
    for (const t of transitions) {
      if (s.statuses.includes(t.to) && !s.statuses.includes(t.from)) entered = t.at
      const toIndex = stageIndex(stages, t.to)
      if (s.statuses.includes(t.from) && toIndex > i) done = t.at
    }
    if (s.key === 'register') entered = createdAt
    const stateOf: StageState = archived || i < current ? 'done' : i === current ? 'current' : 'todo'
    return {
      key: s.key,
      state: stateOf,
      status: stateOf === 'current' ? where : '',
      visited: stateOf === 'todo' && done !== '',
      enteredAt: entered,
      doneAt: stateOf === 'done' || stateOf === 'todo' ? done : '',
    }
  })

  const stoppedForGood = side !== null && side.status !== 'on_hold'
  const nextStage = archived || stoppedForGood ? undefined : stages[current + 1]
  return {
    path,
    stages: views,
    current: archived ? stages.length - 1 : current,
    side,
    next: nextStage ? nextStage.key : null,
  }
}

/** stageOfStatus names the stage of path a status belongs to, null for side states and unknown ones. */
export function stageOfStatus(path: Path, status: string, table: readonly StatusInfo[]): StageKey | null {
  const s = pathStages(table, path).find((st) => st.statuses.includes(status))
  return s ? s.key : null
}
