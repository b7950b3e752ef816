import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The verification service's key pair (P-256): the renderer seals each front page to the public
// key on the back; only the service, holding DATA/center/verification-key.pem, can open it.

const dirOf = (dataDir: string): string => join(dataDir, 'center');
const PRIVATE = 'verification-key.pem';
const PUBLIC = 'verification-key.pub.pem';

const ensure = (dataDir: string): void => {
  const dir = dirOf(dataDir);
  if (existsSync(join(dir, PRIVATE)) && existsSync(join(dir, PUBLIC))) return;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, PRIVATE))) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    try {
      // 'wx': two processes starting at once keep the first key.
      writeFileSync(join(dir, PRIVATE), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
  const priv = createPrivateKey(readFileSync(join(dir, PRIVATE), 'utf8'));
  writeFileSync(join(dir, PUBLIC), createPublicKey(priv).export({ type: 'spki', format: 'pem' }));
};

/** The public key the renderer seals pages to (created with the pair on first use). */
export const verificationPublicKey = (dataDir: string): KeyObject => {
  ensure(dataDir);
  return createPublicKey(readFileSync(join(dirOf(dataDir), PUBLIC), 'utf8'));
};

/** The private key that opens sealed pages: the verification service's only. */
export const verificationPrivateKey = (dataDir: string): KeyObject => {
  ensure(dataDir);
  return createPrivateKey(readFileSync(join(dirOf(dataDir), PRIVATE), 'utf8'));
};
