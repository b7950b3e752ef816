import type { CertificateCode } from '../../src/domain/catalogue.js';
import type { CertificateRequest } from '../../src/domain/request.js';
import type { Holder } from './fixture.js';

// What residents ask for: roughly the national mix (住民票 and 印鑑 most, some 所得・課税,
// some 戸籍 in business hours), and a few requests the register must refuse.

const WEIGHTS: [CertificateCode, number][] = [
  ['juminhyo', 45],
  ['inkan', 30],
  ['koseki', 10],
  ['kazei', 6],
  ['shotoku', 4],
  ['fuhyo', 3],
  ['kisai', 2],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

/** A plan: the request and whether the registers should refuse it. */
export interface Plan {
  request: CertificateRequest;
  expectRefusal: boolean;
  /** Register IDs the certificate may name (the isolation check). */
  allowedIds: string[];
  allowedNames: string[];
}

/** Mulberry32: a small deterministic generator per kiosk. */
export const rng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const refusedFor = (cert: CertificateCode, h: Holder): boolean => {
  if (cert === 'inkan') return !h.hasInkan;
  if (cert === 'kazei' || cert === 'shotoku') return !h.hasTax;
  if (cert === 'koseki' || cert === 'fuhyo') return h.kosekiIds.length === 0;
  return false;
};

/** The next request of holder `h`; about 1 in 20 is one the registers refuse. */
export const planFor = (h: Holder, random: () => number, refusalShare = 0.05): Plan => {
  let x = random() * TOTAL;
  let cert: CertificateCode = 'juminhyo';
  for (const [c, w] of WEIGHTS) {
    if (x < w) {
      cert = c;
      break;
    }
    x -= w;
  }
  // People mostly know what they can get: most would-be refusals become a 住民票.
  if (refusedFor(cert, h) && random() > refusalShare * 4) cert = 'juminhyo';
  const u = random();
  const copies = u < 0.85 ? 1 : u < 0.97 ? 2 : 3;
  const household = (cert === 'juminhyo' || cert === 'kisai') && h.householdIds.length > 1 && random() < 0.4;
  const request: CertificateRequest =
    cert === 'juminhyo' || cert === 'kisai'
      ? { cert, copies, scope: household ? 'household' : 'self' }
      : cert === 'koseki' || cert === 'fuhyo'
        ? { cert, copies, kind: 'all' }
        : { cert, copies };
  const groupB = cert === 'koseki' || cert === 'fuhyo';
  const wide = cert === 'juminhyo' || cert === 'kisai';
  return {
    request,
    expectRefusal: refusedFor(cert, h),
    allowedIds: groupB ? h.kosekiIds : wide ? h.householdIds : [h.residentId],
    allowedNames: groupB ? h.kosekiNames : wide ? h.householdNames : [h.name],
  };
};
