// Vite hands out the bundled pdf.js worker as a URL (see components/PdfViewer.vue).
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url' {
  const url: string
  export default url
}
