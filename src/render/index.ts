// The renderer's public surface: certificates and receipts as PDFs, and the back code's data model.
export { UnsupportedCharacterError } from './doc-fonts.js';
export { BACK_CODE_REGION } from './frame.js';
export * from './front-code.js';
export { PAGE_CODE_SLOTS } from './page-codes.js';
export {
  createRenderer,
  type DocumentSigner,
  type RenderedDocument,
  type Renderer,
  type RendererOptions,
} from './renderer.js';
export * from './sealed-page.js';
export * from './tamper-code.js';
