import { join } from 'node:path';

const CARD_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** Whether a card name is safe as a file name (no path tricks). */
export const isCardName = (name: string): boolean => CARD_NAME.test(name);

/** Where the PKI keeps its files under a data directory. */
export const pkiPaths = (dataDir: string) => {
  const pki = join(dataDir, 'pki');
  return {
    dir: pki,
    caCertificate: join(pki, 'ca.der'),
    caKey: join(pki, 'ca-key.enc.json'),
    registry: join(pki, 'registry.json'),
    crl: join(pki, 'crl.der'),
    lock: join(pki, 'ca.lock'),
    /** Kept out of pki/ so that copying pki/ does not copy the key's passphrase. */
    passphrase: join(dataDir, 'secrets', 'ca-passphrase'),
    cards: join(dataDir, 'cards'),
  };
};

/** The file of one virtual card. */
export const cardPath = (dataDir: string, name: string): string => join(dataDir, 'cards', `${name}.card`);
