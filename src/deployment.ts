/**
 * Settings fixed per deployment, compiled into the bundle. Change them before `npm run push`
 * (README, "Deploying"). The support address will later also be settable from the backing Sheet's
 * Settings tab; until then this value is the one every card shows.
 */
export const DEPLOYMENT = {
  /**
   * Where customers write when something needs a person: shown as a mailto link wherever a card
   * says "contact support". The default is a reserved example domain, so a deployment that forgot
   * to set it shows an address that plainly is not real rather than someone else's.
   */
  supportEmail: 'support@reseller-connect.example',
  /**
   * The vendor account that deploys the add-on and owns the backing Sheet: the only account whose
   * executions may run `setup` and the sync, whatever calls them (a top-level function can be named
   * in a forged card action). Fixed here, never taken from whoever calls first. The default is the
   * simulator's owner identity; a deployment sets its own.
   */
  ownerEmail: 'owner@resellerconnect.example',
} as const;
