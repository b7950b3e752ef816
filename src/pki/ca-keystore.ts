import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  type KeyObject,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readIfExists, writeFileAtomic } from './fs-atomic.js';
import { pkiPaths } from './paths.js';

// scrypt parameters: costly enough to slow a guesser, cheap enough for a CLI start-up.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

interface EncryptedKeyFile {
  format: 'kofu-ca-key/1';
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

/** Encrypts a private key (PKCS#8) under a passphrase: scrypt + AES-256-GCM. */
export const encryptPrivateKey = (key: KeyObject, passphrase: string): string => {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = scryptSync(passphrase, salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const data = Buffer.concat([cipher.update(der), cipher.final()]);
  const file: EncryptedKeyFile = {
    format: 'kofu-ca-key/1',
    kdf: 'scrypt',
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
};

/** Decrypts a key file written by encryptPrivateKey; throws on a wrong passphrase or a damaged file. */
export const decryptPrivateKey = (text: string, passphrase: string): KeyObject => {
  const file = JSON.parse(text) as EncryptedKeyFile;
  if (file.format !== 'kofu-ca-key/1') throw new Error('unknown CA key file format');
  const kek = scryptSync(passphrase, Buffer.from(file.salt, 'base64'), 32, {
    N: file.N,
    r: file.r,
    p: file.p,
    maxmem: SCRYPT.maxmem,
  });
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  const der = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
};

/**
 * The CA key's passphrase: KOFU_CA_PASSPHRASE if set, else the file dataDir/secrets/ca-passphrase,
 * created with a random value when `create` is set (demo installations).
 */
export const resolveCaPassphrase = (
  dataDir: string,
  opts: { env?: NodeJS.ProcessEnv; create?: boolean } = {},
): string | undefined => {
  const fromEnv = (opts.env ?? process.env).KOFU_CA_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const path = pkiPaths(dataDir).passphrase;
  const existing = readIfExists(path);
  if (existing) return existing.toString('utf8').trim();
  if (!opts.create) return undefined;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  writeFileAtomic(path, `${value}\n`, 0o600);
  return value;
};
