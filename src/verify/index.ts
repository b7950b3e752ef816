// Verifying printed certificates: offline checks of the signed back codes and the PDF's text.
export * from './issuer-keys.js';
export { pdfPageTexts } from './pdf-text.js';
export { findBackCode, type RgbaImage, readPng } from './scan.js';
export * from './verify-document.js';
export * from './verify-file.js';
export * from './void-store.js';
