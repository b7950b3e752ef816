// Verifying printed certificates: offline checks of the signed back codes and the PDF's text.

export * from './issued-codes.js';
export * from './issuer-keys.js';
export * from './page-decode.js';
export { pdfPageTexts } from './pdf-text.js';
export { findBackCode, type RgbaImage, readImage, readJpeg, readPng } from './scan.js';
export * from './verification-key.js';
export * from './verify-document.js';
export * from './verify-file.js';
export * from './void-store.js';
