// The PKI: the CA for the cards' user-authentication certificates, revocation, the virtual
// My Number card (JPKI AP over APDUs) and the center's verification of a card login.
export {
  APDU,
  type CommandApdu,
  EF,
  JPKI_AID,
  parseCommandApdu,
  response,
  SW,
  splitResponse,
} from './apdu.js';
export { type CardSummary, findCardSummary, listCards, openVirtualCard, resetCardPin } from './card-admin.js';
export { isPin, PIN_MAX_TRIES } from './card-file.js';
export type { IssuedCard } from './card-issuance.js';
export { type CardReader, CardRemovedError } from './card-reader.js';
export {
  type CardAuthentication,
  type CardAuthenticationInput,
  CardVerifier,
  type CardVerifierDeps,
  cardIssuedTodayRefusal,
  createCardVerifier,
  verifyCardAuthentication,
} from './card-verifier.js';
export {
  type CaOptions,
  type CertificateAuthority,
  type CertificateStatusReport,
  createCertificateAuthority,
  openCertificateAuthority,
} from './certificate-authority.js';
export {
  CHALLENGE_BYTES,
  CHALLENGE_TTL_MS,
  type ChallengeStore,
  InMemoryChallengeStore,
  type IssuedChallenge,
  issueChallenge,
} from './challenge.js';
export { createDemoPki, type DemoCardInfo, type DemoCardSpec } from './demo.js';
export { pkiRoutes } from './http.js';
export { authenticateWithCard, type CardSignature, readCardCertificate } from './kiosk-auth.js';
export { cardPath, isCardName, pkiPaths } from './paths.js';
export type { CertificateRecord, CertificateStatus, RevocationReason } from './registry.js';
export { REVOCATION_REASONS } from './registry.js';
export {
  type CrlSource,
  fileCrlSource,
  httpCrlSource,
  RevocationChecker,
  type RevocationCheckerOptions,
  type RevocationState,
} from './revocation-checker.js';
export { normalizeSerial } from './serial.js';
export { certificateNotAfter, fifthBirthdayAfter } from './validity.js';
export { VirtualCard, type VirtualCardOptions } from './virtual-card.js';
