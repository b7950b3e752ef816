import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { centerView } from '../../src/center/schema.js';
import { openCenterCa } from '../../src/center/terminal-ca.js';
import { registerTerminal, type Terminal } from '../../src/center/terminals.js';
import { fixedClock, japanDate, parseJapanIso } from '../../src/domain/japan-time.js';
import { KAMIGORI } from '../../src/municipality/demo/demo-people.js';
import { addSyntheticResidents, initDemo } from '../../src/municipality/demo/demo-setup.js';
import { readCardFile } from '../../src/pki/card-file.js';
import { openCertificateAuthority } from '../../src/pki/certificate-authority.js';
import { cardPath } from '../../src/pki/paths.js';
import { type KofuDatabase, openDatabase, withTransaction } from '../../src/registers/index.js';

// A load installation: `demo init --residents N` (same code), plus cards for a random sample
// of synthetic adults, each linked to its resident as demo init links the demo cards, plus one
// terminal certificate per kiosk issued by the center's terminal CA.

export interface Holder {
  card: string;
  pin: string;
  residentId: string;
  name: string;
  householdIds: string[];
  householdNames: string[];
  /** 戸籍 member IDs of the holder's 戸籍 when it is in the town (empty: 本籍 elsewhere). */
  kosekiIds: string[];
  kosekiNames: string[];
  hasInkan: boolean;
  hasTax: boolean;
  certificateDer: Uint8Array;
  privateKeyDer: Uint8Array;
}

export interface LoadInstallation {
  dataDir: string;
  pg?: { url: string; schema: string };
  residents: number;
  holders: Holder[];
  terminalDirs: string[];
  setupSeconds: { registers: number; cards: number; terminals: number };
}

export interface InstallationOptions {
  dataDir: string;
  /** Demo day, Japan time; the installation is made at 08:00 that day. */
  demoDay: string;
  residents: number;
  cards: number;
  terminals: number;
  pg?: { url: string; schema: string };
}

interface Row {
  id: string;
  household_id: string;
  name: string;
  birth_date: string;
  honseki_code: string;
}

const open = (o: InstallationOptions): Promise<KofuDatabase> =>
  openDatabase({ dataDir: o.dataDir, ...(o.pg ? { url: o.pg.url, schema: o.pg.schema } : {}) });

/** Picks `n` adults spread over the whole register (a random sample, so a large register is really read). */
const sampleAdults = async (kdb: KofuDatabase, n: number, today: string): Promise<Row[]> => {
  const adultBefore = `${Number(today.slice(0, 4)) - 20}${today.slice(4)}`;
  const random = kdb.dialect === 'postgres' ? sql`random()` : sql`random()`;
  return kdb.db
    .selectFrom('residents')
    .select(['id', 'household_id', 'name', 'birth_date', 'honseki_code'])
    .where('municipality_code', '=', KAMIGORI)
    .where('id', 'like', 's%')
    .where('birth_date', '<', adultBefore)
    .where('status', '=', 'active')
    .orderBy(random)
    .limit(n)
    .execute() as Promise<Row[]>;
};

/** Creates the installation: registers, holders' cards and links, kiosk terminals. */
export const createLoadInstallation = async (o: InstallationOptions): Promise<LoadInstallation> => {
  mkdirSync(o.dataDir, { recursive: true });
  const at = parseJapanIso(`${o.demoDay}T08:00`)!;
  const clock = fixedClock(at);
  const today = japanDate(at);
  const kdb = await open(o);
  try {
    const t0 = performance.now();
    await initDemo({ dataDir: o.dataDir, clock, kdb });
    await addSyntheticResidents(kdb, { count: o.residents, today });
    const t1 = performance.now();
    const rows = await sampleAdults(kdb, o.cards, today);
    const ca = openCertificateAuthority(o.dataDir, { clock });
    const holders: Holder[] = [];
    // A few at a time: each card is an RSA-2048 key generated on the thread pool.
    for (let i = 0; i < rows.length; i += 8) {
      const batch = rows.slice(i, i + 8);
      const issued = await Promise.all(
        batch.map((r, j) =>
          ca.issueCard({
            name: `load${String(i + j).padStart(4, '0')}`,
            pin: String(1000 + ((i + j) % 9000)),
            birthDate: r.birth_date,
            issuedAt: parseJapanIso(`${Number(today.slice(0, 4)) - 1}-04-01T10:00`)!,
          }),
        ),
      );
      await withTransaction(kdb, async (trx) => {
        for (const [j, card] of issued.entries())
          await trx
            .insertInto('card_links')
            .values({
              serial: card.serial,
              resident_id: batch[j]!.id,
              municipality_code: KAMIGORI,
              issued_on: `${Number(today.slice(0, 4)) - 1}-04-01`,
              previous_serial: null,
              replaced_by: null,
            })
            .execute();
      });
      for (const [j, r] of batch.entries()) {
        const name = `load${String(i + j).padStart(4, '0')}`;
        const file = readCardFile(cardPath(o.dataDir, name));
        if (!file) throw new Error(`card ${name} was not written`);
        holders.push(await describeHolder(kdb, r, name, String(1000 + ((i + j) % 9000)), file));
      }
    }
    const t2 = performance.now();
    const centerCa = await openCenterCa(o.dataDir, clock);
    const terminalDirs: string[] = [];
    for (let k = 0; k < o.terminals; k++) {
      const t: Terminal = {
        id: `load-kiosk-${String(k).padStart(4, '0')}`,
        kind: 'store',
        storeName: `負荷試験店 ${k + 1}`,
        operator: 'kofu bench',
      };
      const dir = join(o.dataDir, 'terminals', t.id);
      await registerTerminal({ db: centerView(kdb.db), ca: centerCa, clock }, t, dir);
      terminalDirs.push(dir);
    }
    const t3 = performance.now();
    return {
      dataDir: o.dataDir,
      ...(o.pg ? { pg: o.pg } : {}),
      residents: o.residents,
      holders,
      terminalDirs,
      setupSeconds: {
        registers: Math.round(t1 - t0) / 1000,
        cards: Math.round(t2 - t1) / 1000,
        terminals: Math.round(t3 - t2) / 1000,
      },
    };
  } finally {
    await kdb.close();
  }
};

const describeHolder = async (
  kdb: KofuDatabase,
  r: Row,
  card: string,
  pin: string,
  file: NonNullable<ReturnType<typeof readCardFile>>,
): Promise<Holder> => {
  const household = await kdb.db
    .selectFrom('residents')
    .select(['id', 'name'])
    .where('household_id', '=', r.household_id)
    .where('status', '=', 'active')
    .execute();
  const member = await kdb.db
    .selectFrom('koseki_members')
    .select(['koseki_id'])
    .where('resident_id', '=', r.id)
    .executeTakeFirst();
  const koseki = member
    ? await kdb.db
        .selectFrom('koseki_members')
        .select(['id', 'name'])
        .where('koseki_id', '=', member.koseki_id)
        .execute()
    : [];
  const inkan = await kdb.db
    .selectFrom('inkan_registrations')
    .select('id')
    .where('resident_id', '=', r.id)
    .where('abolished_on', 'is', null)
    .executeTakeFirst();
  const tax = await kdb.db
    .selectFrom('tax_records')
    .select('id')
    .where('resident_id', '=', r.id)
    .executeTakeFirst();
  return {
    card,
    pin,
    residentId: r.id,
    name: r.name,
    householdIds: household.map((h) => h.id),
    householdNames: household.map((h) => h.name),
    kosekiIds: r.honseki_code === KAMIGORI ? koseki.map((k) => k.id) : [],
    kosekiNames: r.honseki_code === KAMIGORI ? koseki.map((k) => k.name) : [],
    hasInkan: inkan !== undefined,
    hasTax: tax !== undefined,
    certificateDer: new Uint8Array(Buffer.from(file.userCertificate, 'base64')),
    privateKeyDer: new Uint8Array(Buffer.from(file.userKey, 'base64')),
  };
};
