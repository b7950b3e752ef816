import { findCardLink, findMunicipality, findResident, type Tx } from '../registers/index.js';
import type { Routing } from './issuing-port.js';

/**
 * Residence and 本籍 municipality of a card holder, from the card link (serial → resident,
 * as J-LIS knows it) and the resident's 本籍. Empty when the serial is unknown.
 */
export const findRouting = async (db: Tx, serial: string): Promise<Routing> => {
  const link = await findCardLink(db, serial);
  if (!link) return {};
  const person = await findResident(db, link.resident_id);
  if (!person) return {};
  const out: Routing = {};
  if (person.status === 'active' || person.status === 'moving_out') out.residence = person.municipality_code;
  else out.residence = link.municipality_code;
  if (person.honseki_code) {
    out.honseki = person.honseki_code;
    const m = await findMunicipality(db, person.honseki_code);
    out.honsekiParticipating = m?.participating === 1;
  }
  return out;
};
