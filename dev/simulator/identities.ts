/** The people a newcomer can be in the simulator, one execution identity each. */
export interface SimIdentity {
  id: string;
  email: string;
  label: string;
  /** Language the identity's Gmail is set to; the page's language switch overrides it. */
  locale: 'en' | 'de';
  timeZone: string;
}

export const IDENTITIES: readonly SimIdentity[] = [
  {
    id: 'anna',
    email: 'anna.schmidt@kunde-gmbh.de',
    label: 'Anna — Kunde GmbH (no answer yet)',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'ben',
    email: 'ben.weber@kunde-gmbh.de',
    label: 'Ben — Kunde GmbH, Anna’s colleague',
    locale: 'en',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'carla',
    email: 'carla.meyer@acme-logistik.de',
    label: 'Carla — Acme Logistik (reseller set)',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'felix',
    email: 'felix.gruber@acme-logistik.at',
    label: 'Felix — Acme Logistik Austria (a linked domain)',
    locale: 'de',
    timeZone: 'Europe/Vienna',
  },
  {
    id: 'david',
    email: 'david.huber@hafen-spedition.at',
    label: 'David — Hafen Spedition (change requested)',
    locale: 'de',
    timeZone: 'Europe/Vienna',
  },
  {
    id: 'emma',
    email: 'emma.jones@direct-buyer.co.uk',
    label: 'Emma — Direct Buyer Ltd (buys directly)',
    locale: 'en',
    timeZone: 'Europe/London',
  },
  {
    id: 'max',
    email: 'max.mustermann@gmail.com',
    label: 'Max — personal gmail.com account',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'hidden',
    email: '',
    label: 'Someone whose domain hides the email',
    locale: 'en',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'petra',
    email: 'petra.nord@nordlicht-it.de',
    label: 'Petra — Nordlicht Systemhaus (applied to become a reseller)',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'support',
    email: 'support@resellerconnect.example',
    label: 'Vendor support',
    locale: 'en',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'reseller',
    email: 'info@mueller-it.de',
    label: 'Reseller staff — Müller IT GmbH',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'owner',
    email: 'owner@resellerconnect.example',
    label: 'Owner (deploys the add-on)',
    locale: 'en',
    timeZone: 'Europe/Berlin',
  },
];

export function findIdentity(id: unknown): SimIdentity | undefined {
  return IDENTITIES.find((identity) => identity.id === id);
}
