// The app's own PDF viewer (components/PdfViewer.vue).
export const pdfViewer = {
  page: '第 {n} / {total} 页',
  prev: '上一页',
  next: '下一页',
  zoomIn: '放大',
  zoomOut: '缩小',
  fitWidth: '适合宽度',
  loading: '正在加载文档…',
  failed: '无法显示该文档，可另存为后用其他程序打开',
}
