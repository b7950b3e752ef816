import type { CertificateCode } from '../domain/catalogue.js';
import { CATALOGUE } from '../domain/catalogue.js';
import { addDays, type PlainDate } from '../domain/japan-time.js';
import type { KofuDatabase } from '../registers/index.js';
import { linkDemoCards } from './demo/demo-cards.js';
import { PEOPLE } from './demo/demo-people.js';
import { seedDemoRegisters } from './demo/demo-registers.js';
import { simpleSealJson } from './demo/seal-image.js';
import type { IssuingCall, IssuingPort } from './issuing-port.js';
import { createIssuingServer } from './issuing-server.js';

/** Demo registers with fake card serials (no PKI), for the issuing tests. */
export interface DemoFixture {
  today: PlainDate;
  serial(key: string): string;
  issuedOn(key: string): PlainDate;
  ports: Map<string, IssuingPort>;
  /** The port the center would route this holder's request to. */
  portFor(key: string, cert: CertificateCode): Promise<IssuingPort>;
  call(key: string, now: Date, terminal?: 'store' | 'townhall'): IssuingCall;
}

export const setupDemoFixture = async (
  kdb: KofuDatabase,
  today: PlainDate,
  opts: { unsupportedCharacters?: (texts: string[]) => string[]; extras?: Record<string, number> } = {},
): Promise<DemoFixture> => {
  await seedDemoRegisters(kdb, {
    today,
    sealImage: (s) => JSON.parse(simpleSealJson(s)),
    extras: opts.extras ?? { '284815': 40, '282081': 10 },
  });
  const issued = new Map(PEOPLE.map((p) => [p.key, addDays(today, -p.cardIssuedDaysAgo)]));
  await linkDemoCards(
    kdb,
    today,
    PEOPLE.map((p) => ({
      name: p.key,
      serial: `S-${p.key}`,
      issuedOn: issued.get(p.key)!,
      ...(p.cardState === 'renewed'
        ? { previousSerial: `S-${p.key}-old`, previousIssuedOn: addDays(today, -800) }
        : {}),
    })),
  );
  const ports = new Map<string, IssuingPort>();
  for (const code of ['284815', '282081'])
    ports.set(
      code,
      createIssuingServer({
        kdb,
        municipalityCode: code,
        ...(opts.unsupportedCharacters ? { unsupportedCharacters: opts.unsupportedCharacters } : {}),
      }),
    );
  const any = ports.get('284815')!;
  return {
    today,
    serial: (k) => `S-${k}`,
    issuedOn: (k) => issued.get(k)!,
    ports,
    async portFor(key, cert) {
      const r = await any.findRouting(`S-${key}`);
      const group = CATALOGUE[cert].group;
      const code = group === 'A' ? r.residence : r.honsekiParticipating ? r.honseki : r.residence;
      return ports.get(code ?? '284815')!;
    },
    call: (key, now, terminal = 'store') => ({
      holder: { serial: `S-${key}`, issuedOn: issued.get(key)! },
      terminal: { id: `T-${terminal}`, kind: terminal },
      now,
    }),
  };
};
