import { certificateType } from './catalogue.js';
import type { CertificateRequest } from './request.js';

/** The fee of one request in yen: the catalogue's fee per copy (1通) times the copies. */
export const requestFee = (r: CertificateRequest): number => certificateType(r.cert).fee * r.copies;

/** The fee of an order of several requests, in yen. */
export const orderFee = (rs: readonly CertificateRequest[]): number =>
  rs.reduce((sum, r) => sum + requestFee(r), 0);
