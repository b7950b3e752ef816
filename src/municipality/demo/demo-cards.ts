import { addDays, type PlainDate } from '../../domain/japan-time.js';
import { type KofuDatabase, linkRenewedCard, withTransaction } from '../../registers/index.js';
import { demoMemberId, demoResidentId, KAMIGORI, PEOPLE } from './demo-people.js';

/** A card as the PKI issued it, for linking to the registers. */
export interface IssuedDemoCard {
  name: string;
  serial: string;
  previousSerial?: string;
  issuedOn: PlainDate;
  previousIssuedOn?: PlainDate;
}

/** Links the cards to their holders and records the 本籍地 registrations of §10a. */
export const linkDemoCards = async (
  kdb: KofuDatabase,
  today: PlainDate,
  cards: IssuedDemoCard[],
): Promise<void> => {
  await withTransaction(kdb, async (trx) => {
    for (const c of cards) {
      const p = PEOPLE.find((x) => x.key === c.name);
      if (!p) continue;
      const first = c.previousSerial ?? c.serial;
      await trx
        .insertInto('card_links')
        .values({
          serial: first,
          resident_id: demoResidentId(p.key),
          municipality_code: p.municipality,
          issued_on: c.previousSerial ? (c.previousIssuedOn ?? addDays(c.issuedOn, -5 * 365)) : c.issuedOn,
          previous_serial: null,
          replaced_by: null,
        })
        .execute();
      if (c.previousSerial) await linkRenewedCard(trx, c.previousSerial, c.serial, c.issuedOn);
      const reg = (serial: string, state: 'approved' | 'pending', applied: number) =>
        trx
          .insertInto('honseki_registrations')
          .values({
            id: `reg-${p.key}-${serial.slice(-8)}`,
            serial,
            municipality_code: KAMIGORI,
            koseki_member_id: state === 'approved' ? demoMemberId(p.key) : null,
            state,
            applied_on: addDays(today, -applied),
            decided_on: state === 'approved' ? addDays(today, -applied + 6) : null,
            stated_honseki: p.honseki,
            stated_hittosha: p.hittosha,
            reason: null,
          })
          .execute();
      if (p.key === 'jiro') await reg(c.serial, 'approved', 120);
      if (p.key === 'kenta') await reg(c.serial, 'pending', 3);
      if (p.key === 'koushin' && c.previousSerial) await reg(c.previousSerial, 'approved', 700);
    }
  });
};
