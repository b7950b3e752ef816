import type { CertificateCode, KosekiKind, Scope } from './catalogue.js';

/**
 * What a resident asks for at the kiosk, after authentication. Member references are
 * register IDs (resident IDs for 住民票 scope, 戸籍 member IDs for 戸籍/附票), never names.
 */
export interface CertificateRequest {
  cert: CertificateCode;
  copies: number;
  /** 住民票 / 記載事項 only. */
  scope?: Scope;
  /** scope 'members' (住民票, 記載事項) or kind 'individual' (戸籍, 附票): the chosen IDs. */
  members?: string[];
  /** 住民票 only: print 世帯主氏名・続柄. */
  householder?: boolean;
  /** 住民票 only: print 本籍・筆頭者氏名. */
  honseki?: boolean;
  /** 戸籍 / 附票 only: 全部 or 個人 (chosen members). */
  kind?: KosekiKind;
}

/** Where the request is made: a store kiosk or a town-hall kiosk (SPEC §4). */
export type TerminalKind = 'store' | 'townhall';
