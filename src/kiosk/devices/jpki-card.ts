import { openVirtualCard } from '../../pki/card-admin.js';
import type { CardReader } from '../../pki/card-reader.js';
import { authenticateWithCard } from '../../pki/kiosk-auth.js';
import type { SmartCard } from './card-reader.js';

// A card that speaks the JPKI APDUs (SPEC §7) through the PKI's CardReader port: a PC/SC
// reader with a real My Number card, or the virtual card file in the data directory.

/** The kiosk's view of a JPKI card behind an APDU reader. */
export const jpkiCard = (reader: CardReader, contact?: { insert(): void; remove(): void }): SmartCard => ({
  authenticate: (pin, challenge) => authenticateWithCard(reader, pin, challenge),
  ...(contact ? { onInsert: () => contact.insert(), onRemove: () => contact.remove() } : {}),
});

/** The demo card `name` of DATA/cards (its PIN counter lives in that file, shared by every kiosk). */
export const openVirtualJpkiCard = (dataDir: string, name: string): SmartCard => {
  const card = openVirtualCard(dataDir, name);
  return jpkiCard(card, card);
};
