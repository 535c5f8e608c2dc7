// Attachments on a request (RequestsApp.AddAttachment …), the classification
// standard (SettingsApp.Classification …) and its proposals, and the
// knowledge base of archived requests (RequestsApp.Similar, Knowledge).
import * as Requests from '../wailsjs/go/app/RequestsApp'
import * as Settings from '../wailsjs/go/app/SettingsApp'
import { attachment, classify, knowledge } from '../wailsjs/go/models'
import { base64FromBytes, bytesFromWire } from '../lib/bytes'
import { invoke } from './transport'
import type { Plain } from './types'

/** RequestAttachment is a file attached to a request. */
export type RequestAttachment = Plain<attachment.Attachment>
/** AttachmentType is an accepted type of file, with how it is previewed. */
export type AttachmentType = Plain<attachment.Type>
/** AttachmentRules are the accepted types and the size limit, in bytes. */
export interface AttachmentRules {
  types: AttachmentType[]
  maxSize: number
}
/** ClassEntry is one line of the classification standard. */
export type ClassEntry = Plain<classify.Entry>
/** ClassInput is a line as the editor saves it (id '' for a new one). */
export type ClassInput = Plain<classify.Input>
/** ClassProposal is what the standard proposes for a type. */
export type ClassProposal = Plain<classify.Proposal>
/** KnowledgeMatch is an archived request offered as knowledge, with its solution. */
export type KnowledgeMatch = Plain<knowledge.Match>
/** SimilarQuery asks for requests like one being registered or analysed. */
export type SimilarQuery = Plain<knowledge.Query>

/** attachmentRules returns the accepted types and the size limit. */
export function attachmentRules(): Promise<AttachmentRules> {
  return invoke<AttachmentRules>('RequestsApp', 'AttachmentTypes', [], () => Requests.AttachmentTypes() as Promise<unknown> as Promise<AttachmentRules>)
}

/** listAttachments lists a request's files, oldest first. */
export function listAttachments(requestId: string): Promise<RequestAttachment[]> {
  return invoke<RequestAttachment[]>('RequestsApp', 'Attachments', [requestId], () => Requests.Attachments(requestId))
}

/** attachmentBytes returns an attached file with its content. */
export async function attachmentBytes(id: string): Promise<{ attachment: RequestAttachment; bytes: Uint8Array }> {
  const f = await invoke<{ attachment: RequestAttachment; bytes: unknown }>('RequestsApp', 'Attachment', [id], () => Requests.Attachment(id))
  return { attachment: f.attachment, bytes: bytesFromWire(f.bytes) }
}

/** addAttachment attaches a file to a request; the backend judges it by its content. */
export function addAttachment(requestId: string, fileName: string, note: string, bytes: Uint8Array): Promise<RequestAttachment> {
  const wire = { fileName, note, bytes: base64FromBytes(bytes) }
  return invoke<RequestAttachment>('RequestsApp', 'AddAttachment', [requestId, wire], () =>
    Requests.AddAttachment(requestId, wire as unknown as attachment.Input),
  )
}

/** removeAttachment detaches a file (version as read) from its request. */
export function removeAttachment(id: string, version: number): Promise<void> {
  return invoke<void>('RequestsApp', 'RemoveAttachment', [id, version], () => Requests.RemoveAttachment(id, version))
}

/** classification returns the classification standard in its order. */
export function classification(): Promise<ClassEntry[]> {
  return invoke<ClassEntry[]>('SettingsApp', 'Classification', [], () => Settings.Classification())
}

/** saveClassification adds a line (id '') or changes one. */
export function saveClassification(line: ClassInput): Promise<ClassEntry> {
  return invoke<ClassEntry>('SettingsApp', 'SaveClassification', [line], () => Settings.SaveClassification(classify.Input.createFrom(line)))
}

/** deleteClassification removes a line (version as read). */
export function deleteClassification(id: string, version: number): Promise<void> {
  return invoke<void>('SettingsApp', 'DeleteClassification', [id, version], () => Settings.DeleteClassification(id, version))
}

/** classificationPDF prints the standard. */
export function classificationPDF(): Promise<Uint8Array> {
  return invoke<unknown>('SettingsApp', 'ClassificationPDF', [], () => Settings.ClassificationPDF()).then(bytesFromWire)
}

/** proposeClassification is what the standard proposes for a request type. */
export function proposeClassification(type: string): Promise<ClassProposal> {
  return invoke<ClassProposal>('RequestsApp', 'ProposeClassification', [type], () => Requests.ProposeClassification(type))
}

/** similarRequests offers at most 5 archived requests like the one q describes. */
export function similarRequests(q: SimilarQuery): Promise<KnowledgeMatch[]> {
  return invoke<KnowledgeMatch[]>('RequestsApp', 'Similar', [q], () => Requests.Similar(knowledge.Query.createFrom(q)))
}

/** searchKnowledge searches the archived requests and their solutions. */
export function searchKnowledge(text: string): Promise<KnowledgeMatch[]> {
  return invoke<KnowledgeMatch[]>('RequestsApp', 'Knowledge', [text], () => Requests.Knowledge(text))
}
