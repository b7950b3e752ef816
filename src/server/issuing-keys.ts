import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSigner } from '../render/renderer.js';

// Each municipality's issuing key (ECDSA P-256) under DATA/municipalities/<code>/, created
// on first use; the public key beside it is what a verifier needs.

const loadOrCreate = (dataDir: string, code: string): KeyObject => {
  const dir = join(dataDir, 'municipalities', code);
  const path = join(dir, 'issuing-key.pem');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    try {
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      writeFileSync(
        join(dir, 'issuing-key.pub.pem'),
        createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }),
      );
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
  return createPrivateKey(readFileSync(path, 'utf8'));
};

/** The signers of the municipalities, by code (IEEE P1363 r‖s signatures). */
export const openIssuingSigners = (dataDir: string, codes: readonly string[]): Map<string, DocumentSigner> =>
  new Map(
    codes.map((code) => {
      const key = loadOrCreate(dataDir, code);
      const signer: DocumentSigner = {
        keyId: `${code}-1`,
        sign: (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
      };
      return [code, signer];
    }),
  );
