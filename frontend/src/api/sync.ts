// Team sync: where this computer stands with its team server, joining and
// leaving, a round on demand, the inbox of refused commands, the requests
// not yet synced, and on the server the devices registered with it.
import * as Binding from '../wailsjs/go/app/SyncApp'
import { invoke } from './transport'
import type { Conflict, ConflictAction, Device, JoinInput, ProbeResult, SyncStatus } from './types'

const S = 'SyncApp'

/** syncStatus returns where this computer stands: joined or not, online, waiting changes, conflicts, last sync. */
export function syncStatus(): Promise<SyncStatus> {
  return invoke(S, 'Status', [], () => Binding.Status())
}

/** probeServer asks a team server, before joining, for its team name and (https) its certificate's fingerprint. */
export function probeServer(server: string): Promise<ProbeResult> {
  return invoke(S, 'Probe', [server], () => Binding.Probe(server))
}

/** joinTeam logs in, registers this device, downloads the team's data and pins the fingerprint given. */
export function joinTeam(input: JoinInput): Promise<SyncStatus> {
  // The generated JoinInput class has the same fields and no methods.
  return invoke(S, 'Join', [input], () => Binding.Join(input))
}

/** syncNow runs one round (push, then pull) and returns the status after it. */
export function syncNow(): Promise<SyncStatus> {
  return invoke(S, 'SyncNow', [], () => Binding.SyncNow())
}

/** leaveTeam stops syncing with the team; the data on this computer stays. */
export function leaveTeam(): Promise<SyncStatus> {
  return invoke(S, 'Leave', [], () => Binding.Leave())
}

/** listConflicts returns the unresolved conflicts of the inbox. */
export function listConflicts(): Promise<Conflict[]> {
  return invoke<Conflict[] | null>(S, 'Conflicts', [], () => Binding.Conflicts()).then((l) => l ?? [])
}

/** resolveConflict applies a refused command again on the server's current state (retry) or drops it (discard). */
export function resolveConflict(id: string, action: ConflictAction): Promise<SyncStatus> {
  return invoke(S, 'ResolveConflict', [id, action], () => Binding.ResolveConflict(id, action))
}

/** unsyncedRequests returns the ids of the requests with changes not yet pushed. */
export function unsyncedRequests(): Promise<string[]> {
  return invoke<string[] | null>(S, 'Unsynced', [], () => Binding.Unsynced()).then((l) => l ?? [])
}

/** listDevices returns the devices registered with this team server (administrators). */
export function listDevices(): Promise<Device[]> {
  return invoke<Device[] | null>(S, 'Devices', [], () => Binding.Devices()).then((l) => l ?? [])
}

/** revokeDevice stops a device syncing from its next round and returns the devices. */
export function revokeDevice(id: string): Promise<Device[]> {
  return invoke<Device[] | null>(S, 'RevokeDevice', [id], () => Binding.RevokeDevice(id)).then((l) => l ?? [])
}
