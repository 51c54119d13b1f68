/** A reseller as the directory knows it. Only `approved` resellers can be chosen by customers. */
export type ResellerStatus =
  'applied' | 'agreement_sent' | 'agreement_signed' | 'approved' | 'rejected' | 'suspended';

export const RESELLER_STATUSES: readonly ResellerStatus[] = [
  'applied',
  'agreement_sent',
  'agreement_signed',
  'approved',
  'rejected',
  'suspended',
];

export interface Reseller {
  /** Stable id, e.g. "R-00042"; never reused. */
  id: string;
  /** Display name as the reseller wrote it (may contain umlauts, '&', even markup: always shown as text). */
  name: string;
  /** The reseller's own Workspace domain, lower case, e.g. "mueller-it.de". */
  domain: string;
  /** ISO 3166-1 alpha-2 country code, upper case, e.g. "DE". */
  country: string;
  status: ResellerStatus;
}
