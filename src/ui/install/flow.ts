/**
 * What the add-on does when it runs without a permission it needs, and the Help action. The entry
 * points hand a MissingScopesError here; ScriptApp is asked what is granted only on that path.
 */
import type { ActionResponseModel, CardModel } from '../../cards/card-model';
import { SCOPES } from '../../domain/scopes';
import { readEvent, type AddonEvent } from '../event';
import { createView, type View } from '../view';
import { helpCard, missingScopesCard } from './cards';

export interface InstallServices {
  /** Of `scopes`, those not granted, and Google's consent page for them (null: none to offer). */
  authorization(scopes: readonly string[]): { missing: string[]; url: string | null };
  /** Google's consent prompt for `scopes`: ends the execution when one is missing. */
  requireScopes(scopes: readonly string[]): void;
  /** Counts the refusal for support (which permission, when): no one's address is known then. */
  recordMissing(scopes: readonly string[]): void;
  supportEmail(): string;
  /** The homepage again, once everything is granted. */
  homepage(e: AddonEvent | undefined): CardModel;
}

const KNOWN_SCOPES: ReadonlySet<string> = new Set(Object.values(SCOPES));

export function createInstallFlow(services: InstallServices) {
  const viewOf = (e: AddonEvent | undefined): View => {
    const event = readEvent(e);
    return createView(event.language, event.timeZone);
  };

  return {
    /** The card for a call refused for want of `scopes`. */
    missing(e: AddonEvent | undefined, scopes: readonly string[]): CardModel {
      const view = viewOf(e);
      const { missing, url } = services.authorization(scopes);
      // Apps Script refused the call, so something is missing even if the info says otherwise.
      const shown = missing.length > 0 ? missing : [...scopes];
      try {
        services.recordMissing(shown);
      } catch (error) {
        console.error('the missing permission could not be counted', error);
      }
      return missingScopesCard(view, shown, url !== null || missing.length > 0);
    },

    /** "Grant access": Google's own prompt for the scopes the card named (known ones only). */
    grant(e: AddonEvent | undefined): ActionResponseModel {
      const asked = (readEvent(e).parameter('scopes') ?? '').split(' ').filter((s) => KNOWN_SCOPES.has(s));
      if (asked.length > 0) services.requireScopes(asked);
      // Nothing was missing (granted meanwhile, or a forged list): the homepage, as it is now.
      return { navigation: [{ popToRoot: true }, { update: services.homepage(e) }] };
    },

    help(e: AddonEvent | undefined): CardModel {
      return helpCard(viewOf(e), services.supportEmail());
    },

    /** The Help card pushed from another card (the question card's "colleagues" button). */
    showHelp(e: AddonEvent | undefined): ActionResponseModel {
      return { navigation: [{ push: helpCard(viewOf(e), services.supportEmail()) }] };
    },
  };
}
