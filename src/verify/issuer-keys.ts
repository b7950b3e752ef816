import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Issuing public keys by keyId: the data directory's DATA/municipalities/<code>/issuing-key.pub.pem
// (keyId "<code>-1", as src/server/issuing-keys.ts names it) or a published JSON { keyId: SPKI PEM }.

export type IssuerKeys = ReadonlyMap<string, KeyObject>;

/** Public issuing keys found under a data directory (keyId → key). */
export const issuerKeysFromDataDir = (dataDir: string): Map<string, KeyObject> => {
  const keys = new Map<string, KeyObject>();
  const root = join(dataDir, 'municipalities');
  if (!existsSync(root)) return keys;
  for (const code of readdirSync(root)) {
    const path = join(root, code, 'issuing-key.pub.pem');
    if (existsSync(path)) keys.set(`${code}-1`, createPublicKey(readFileSync(path, 'utf8')));
  }
  return keys;
};

/** The JSON document the center publishes at /.well-known/kofu-issuers.json. */
export const publishIssuerKeys = (keys: IssuerKeys): { keys: Record<string, string> } => ({
  keys: Object.fromEntries(
    [...keys].map(([id, k]) => [id, k.export({ type: 'spki', format: 'pem' }).toString()]),
  ),
});

/** Parses a published key document ({ keys: { keyId: PEM } } or { keyId: PEM }); undefined when malformed. */
export const parseIssuerKeys = (json: unknown): Map<string, KeyObject> | undefined => {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  const entries = typeof o.keys === 'object' && o.keys !== null ? (o.keys as Record<string, unknown>) : o;
  const keys = new Map<string, KeyObject>();
  for (const [id, pem] of Object.entries(entries)) {
    if (typeof pem !== 'string') return undefined;
    try {
      keys.set(id, createPublicKey(pem));
    } catch {
      return undefined;
    }
  }
  return keys;
};
