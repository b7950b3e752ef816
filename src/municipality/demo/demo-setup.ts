import { addDays, type Clock, japanDate, japanInstant, type PlainDate } from '../../domain/japan-time.js';
import { createDemoPki, type DemoCardSpec } from '../../pki/index.js';
import { type KofuDatabase, openDatabase, withBulkLoad } from '../../registers/index.js';
import { linkDemoCards } from './demo-cards.js';
import { KAMIGORI, PEOPLE } from './demo-people.js';
import { demoResidentId, seedDemoRegisters } from './demo-registers.js';
import { seedOf } from './prng.js';
import { createSealDrawer, simpleSealJson } from './seal-image.js';
import { generateResidents } from './synthetic.js';

export interface DemoCardSummary {
  name: string;
  pin: string;
  person: string;
  residentId: string;
  municipality: string;
  serial: string;
  previousSerial?: string;
  state: DemoCardSpec['state'];
  notBefore: string;
  notAfter: string;
  situation: string;
}

export interface DemoSummary {
  dataDir: string;
  demoDay: PlainDate;
  database: 'sqlite' | 'postgres';
  cards: DemoCardSummary[];
  residents: number;
}

/** True when the registers of this installation already hold data. */
export const isDemoInitialised = async (kdb: KofuDatabase): Promise<boolean> =>
  (await kdb.db.selectFrom('municipalities').select('code').limit(1).execute()).length > 0;

const countResidents = async (kdb: KofuDatabase): Promise<number> => {
  const r = await kdb.db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/**
 * Creates a demo installation in `dataDir`: the registers of SPEC §10a (deterministic for a
 * given demo day), the CA and every demo card, and the links between them. Refuses to run
 * twice on the same registers (throws).
 */
export const initDemo = async (opts: {
  dataDir: string;
  clock: Clock;
  /** An already open database (default: open one for dataDir / KOFU_DATABASE_URL). */
  kdb?: KofuDatabase;
}): Promise<DemoSummary> => {
  const kdb = opts.kdb ?? (await openDatabase({ dataDir: opts.dataDir }));
  try {
    if (await isDemoInitialised(kdb)) throw new Error(`the registers in ${opts.dataDir} already hold data`);
    const now = opts.clock.now();
    const today = japanDate(now);
    await seedDemoRegisters(kdb, { today, sealImage: createSealDrawer() });
    const specs: DemoCardSpec[] = PEOPLE.map((p) => ({
      name: p.key,
      pin: p.pin,
      birthDate: p.birth,
      // Cards issued on demo day come out at 09:00; the others at 10:00 on their day.
      issuedAt:
        p.cardIssuedDaysAgo === 0
          ? japanInstant(today, 9 * 60)
          : japanInstant(addDays(today, -p.cardIssuedDaysAgo), 10 * 60),
      state: p.cardState,
    }));
    const infos = await createDemoPki({ dataDir: opts.dataDir, clock: opts.clock, cards: specs });
    await linkDemoCards(
      kdb,
      today,
      infos.map((c) => ({
        name: c.name,
        serial: c.serial,
        issuedOn: c.notBefore.slice(0, 10),
        ...(c.previousSerial
          ? { previousSerial: c.previousSerial, previousIssuedOn: addDays(c.notBefore.slice(0, 10), -365) }
          : {}),
      })),
    );
    const cards = infos.map((c) => {
      const p = PEOPLE.find((x) => x.key === c.name)!;
      return {
        name: c.name,
        pin: p.pin,
        person: p.name,
        residentId: demoResidentId(p.key),
        municipality: p.municipality,
        serial: c.serial,
        ...(c.previousSerial ? { previousSerial: c.previousSerial } : {}),
        state: c.state,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        situation: p.situation,
      };
    });
    return {
      dataDir: opts.dataDir,
      demoDay: today,
      database: kdb.dialect,
      cards,
      residents: await countResidents(kdb),
    };
  } finally {
    if (!opts.kdb) await kdb.close();
  }
};

/**
 * Adds `count` synthetic residents (households, 戸籍, 附票, 印鑑, tax) to a municipality,
 * deterministic for (municipality, demo day, existing count). Returns the residents written.
 */
export const addSyntheticResidents = async (
  kdb: KofuDatabase,
  opts: { count: number; today: PlainDate; municipalityCode?: string; onProgress?: (done: number) => void },
): Promise<number> => {
  const code = opts.municipalityCode ?? KAMIGORI;
  const existing = await countResidents(kdb);
  return withBulkLoad(
    kdb,
    (w) =>
      generateResidents(w, {
        municipalityCode: code,
        today: opts.today,
        residents: opts.count,
        seed: seedOf(`synthetic:${code}:${opts.today}:${existing}`),
        idPrefix: `s${existing}-`,
        codeDigit: 3,
        codeStart: existing,
        sealImage: simpleSealJson,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      }),
    // Rows are generated here while a worker thread writes them (SQLite).
    { parallel: true },
  );
};
