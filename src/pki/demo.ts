import type { KeyObject } from 'node:crypto';
import {
  addDays,
  type Clock,
  isPlainDate,
  japanDate,
  japanInstant,
  type PlainDate,
  toJapanIso,
} from '../domain/japan-time.js';
import { CaCore, caExists, createCaFiles, demoPassphrase, generateRsaKeyPair } from './ca-core.js';
import { isPin } from './card-file.js';
import { type IssuedCard, personaliseCard, renewCardCertificate } from './card-issuance.js';
import { openCertificateAuthority } from './certificate-authority.js';
import { isCardName } from './paths.js';
import { certificateNotAfter } from './validity.js';

export interface DemoCardSpec {
  name: string;
  pin: string;
  birthDate: PlainDate;
  issuedAt: Date;
  state: 'valid' | 'locked' | 'expired' | 'revoked' | 'renewed';
}

export interface DemoCardInfo {
  name: string;
  serial: string;
  previousSerial?: string;
  notBefore: string;
  notAfter: string;
  state: DemoCardSpec['state'];
}

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };

/** An issue instant whose 5th-birthday validity has surely ended by `now` (6 years back). */
const backdated = (birthDate: PlainDate, issuedAt: Date, now: Date): Date => {
  if (certificateNotAfter(birthDate, issuedAt).getTime() < now.getTime()) return issuedAt;
  const today = japanDate(now);
  const day = `${Number(today.slice(0, 4)) - 6}${today.slice(4, 8)}${today.endsWith('02-29') ? '28' : today.slice(8)}`;
  return japanInstant(day, 10 * 60);
};

/** Creates the CA (if absent) under dataDir/pki and one virtual card file per spec under dataDir/cards/<name>.card. */
export async function createDemoPki(opts: {
  dataDir: string;
  clock: Clock;
  cards: DemoCardSpec[];
}): Promise<DemoCardInfo[]> {
  const { dataDir, clock } = opts;
  for (const s of opts.cards)
    if (
      !isCardName(s.name) ||
      !isPin(s.pin) ||
      !isPlainDate(s.birthDate) ||
      Number.isNaN(s.issuedAt.getTime())
    )
      throw new RangeError(`invalid demo card spec ${JSON.stringify(s.name)}`);
  const passphrase = demoPassphrase(dataDir);
  // Every key pair at once: generateKeyPair runs on the thread pool.
  const [keys] = await Promise.all([
    Promise.all(
      opts.cards.map((s) =>
        Promise.all(
          s.state === 'renewed' ? [generateRsaKeyPair(), generateRsaKeyPair()] : [generateRsaKeyPair()],
        ),
      ),
    ),
    caExists(dataDir) ? Promise.resolve() : createCaFiles(dataDir, clock, passphrase),
  ]);
  const core = new CaCore(dataDir, clock, () => passphrase);
  const ca = openCertificateAuthority(dataDir, { clock, passphrase });
  const now = clock.now();
  const out: DemoCardInfo[] = [];
  for (const [i, spec] of opts.cards.entries()) {
    const [first, second] = keys[i] as [KeyPair, KeyPair | undefined];
    const base = { name: spec.name, pin: spec.pin, birthDate: spec.birthDate, keyPair: first };
    let issued: IssuedCard;
    if (spec.state === 'renewed') {
      // The earlier certificate: a year before the renewal.
      const earlier = japanInstant(addDays(japanDate(spec.issuedAt), -365), 10 * 60);
      await personaliseCard(core, { ...base, issuedAt: earlier });
      const renewed = await renewCardCertificate(core, spec.name, spec.issuedAt, second);
      if (typeof renewed === 'string')
        throw new Error(`renewal of demo card ${spec.name} failed: ${renewed}`);
      issued = renewed;
    } else {
      const issuedAt =
        spec.state === 'expired' ? backdated(spec.birthDate, spec.issuedAt, now) : spec.issuedAt;
      issued = await personaliseCard(core, {
        ...base,
        issuedAt,
        ...(spec.state === 'locked' ? { remainingTries: 0 } : {}),
      });
      if (spec.state === 'revoked') {
        const r = await ca.revoke(issued.serial, 'death');
        if (!r.ok) throw new Error(`revocation of demo card ${spec.name} failed: ${r.error.code}`);
      }
    }
    out.push({
      name: spec.name,
      serial: issued.serial,
      ...(issued.previousSerial ? { previousSerial: issued.previousSerial } : {}),
      notBefore: toJapanIso(new Date(issued.notBefore)),
      notAfter: toJapanIso(new Date(issued.notAfter)),
      state: spec.state,
    });
  }
  return out;
}
