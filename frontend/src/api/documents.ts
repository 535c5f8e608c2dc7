// Documents: generating a request's printable documents as new versions,
// their PDFs, on-screen signatures and signed paper copies with their scans.
import * as Binding from '../wailsjs/go/app/DocumentsApp'
// The Go package is internal/document; named so here it would hide the page's document.
import { document as registry, request } from '../wailsjs/go/models'
import { base64FromBytes, bytesFromWire } from '../lib/bytes'
import { invoke } from './transport'
import type { Plain, RequestQuery } from './types'

const S = 'DocumentsApp'

export type DocType =
  | 'registration'
  | 'registration_list'
  | 'analysis_letter'
  | 'plan_book'
  | 'plan_letter'
  | 'result_note'
  | 'acceptance'
  | 'survey_blank'
  | 'survey'
  | 'archive'
export type DocStatus = 'generated' | 'signed_on_screen' | 'signed_on_paper'
export const docStatuses: readonly DocStatus[] = ['generated', 'signed_on_screen', 'signed_on_paper']
export type SignRole = 'customer' | 'company'
export const signRoles: readonly SignRole[] = ['customer', 'company']

/** DocTypeInfo describes a document type: title, signature blocks and what it needs. */
export type DocTypeInfo = Plain<registry.TypeInfo>
/** Doc is one registered version of a generated document. */
export type Doc = Plain<registry.Document>
export type DocSignature = Plain<registry.Signature>
export type DocAttachment = Plain<registry.Attachment>

/** Confirmation is what a side's signature decides (document.Signer.confirms): '' for nothing. */
export type Confirmation = '' | 'analysis' | 'plan' | 'acceptance' | 'feedback'

/** Verdict is the decision a signature carries: the acceptance form's 通过 / 不通过 and remarks. */
export interface Verdict {
  accepted: boolean | null
  remarks: string
}

/** SignInput is a signature drawn on the pad: who signs, for which side, the PNG and what it decides. */
export interface SignInput {
  role: SignRole
  signer: string
  signerTitle: string
  png: Uint8Array
  verdict?: Verdict
}

/** Signed is the signed version with what the signature recorded and the step it took (or why not). */
export type Signed = Plain<registry.Signed>

/** ScanInput is a scan or photo of a signed paper copy. */
export interface ScanInput {
  fileName: string
  mime: string
  bytes: Uint8Array
}

// Bytes go out as base64 text, which is what Go reads into a []byte; the
// generated model classes type them as number[], hence the casts.
function wireScan(s: ScanInput) {
  return { fileName: s.fileName, mime: s.mime, bytes: base64FromBytes(s.bytes) }
}

/** listDocTypes returns the document types in process order. */
export function listDocTypes(): Promise<DocTypeInfo[]> {
  return invoke<DocTypeInfo[] | null>(S, 'Types', [], () => Binding.Types()).then((ts) => ts ?? [])
}

/** generateDocument renders a request's document of type t as it is now, as a new version. */
export function generateDocument(requestId: string, t: DocType): Promise<Doc> {
  return invoke(S, 'Generate', [requestId, t], () => Binding.Generate(requestId, t))
}

/** generateList renders the 客户需求登记表 (list) of the requests q selects, as the CLI's `reqdesk doc registration_list` does. */
export function generateList(q: RequestQuery): Promise<Doc> {
  return invoke(S, 'GenerateList', [q], () => Binding.GenerateList(request.Query.createFrom(q)))
}

/** listDocuments returns every version of a request's documents, newest first within each type. */
export function listDocuments(requestId: string): Promise<Doc[]> {
  return invoke<Doc[] | null>(S, 'List', [requestId], () => Binding.List(requestId)).then((ds) => ds ?? [])
}

/** documentPDF returns a version's PDF. */
export function documentPDF(id: string): Promise<Uint8Array> {
  return invoke<unknown>(S, 'PDF', [id], () => Binding.PDF(id)).then(bytesFromWire)
}

/** signDocument draws a signature into a document, making a new version signed on screen. */
export function signDocument(id: string, rowVersion: number, s: SignInput): Promise<Signed> {
  const wire = {
    role: s.role,
    signer: s.signer,
    signerTitle: s.signerTitle,
    png: base64FromBytes(s.png),
    verdict: s.verdict ?? { accepted: null, remarks: '' },
  }
  return invoke(S, 'Sign', [id, rowVersion, wire], () =>
    Binding.Sign(id, rowVersion, wire as unknown as registry.SignInput),
  )
}

/** markSignedOnPaper records that a version's paper copy was signed, with its scan when given. */
export function markSignedOnPaper(id: string, rowVersion: number, scan: ScanInput | null): Promise<Doc> {
  const wire = scan ? wireScan(scan) : null
  return invoke(S, 'MarkSignedOnPaper', [id, rowVersion, wire], () =>
    Binding.MarkSignedOnPaper(id, rowVersion, wire as unknown as registry.AttachmentInput),
  )
}

/** attachmentFile returns an attached scan with its bytes. */
export function attachmentFile(id: string): Promise<{ attachment: DocAttachment; bytes: Uint8Array }> {
  return invoke<{ attachment: DocAttachment; bytes: unknown }>(S, 'Attachment', [id], () => Binding.Attachment(id)).then(
    (f) => ({ attachment: f.attachment, bytes: bytesFromWire(f.bytes) }),
  )
}
