import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Documents between issue and print confirmation are kept in the database (so a reprint
// survives a center crash and any instance can serve it) but only as AES-256-GCM
// ciphertext, bound to its document ID; the key never enters the database.

export interface DocumentVault {
  seal(documentId: string, plain: Uint8Array): string;
  /** Undefined when the ciphertext was tampered with or belongs to another document. */
  open(documentId: string, sealed: string): Buffer | undefined;
}

/** A vault over a 32-byte key. */
export const createDocumentVault = (key: Uint8Array): DocumentVault => {
  if (key.length !== 32) throw new Error('document key must be 32 bytes');
  return {
    seal(documentId, plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(documentId, 'utf8'));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(documentId, sealed) {
      try {
        const raw = Buffer.from(sealed, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(documentId, 'utf8'));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      } catch {
        return undefined;
      }
    },
  };
};

/** Reads DATA/center/document-key (hex), creating it on first use; KOFU_DOCUMENT_KEY overrides. */
export const loadDocumentKey = (dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer => {
  const fromEnv = env.KOFU_DOCUMENT_KEY;
  if (fromEnv && /^[0-9a-f]{64}$/i.test(fromEnv)) return Buffer.from(fromEnv, 'hex');
  const dir = join(dataDir, 'center');
  const path = join(dir, 'document-key');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
};
