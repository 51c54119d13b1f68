import { ensureChromium } from './chromium';

/** Finds (or installs) Chromium once, before any browser test runs. */
export default function globalSetup(): void {
  process.env.CHROMIUM_PATH = ensureChromium();
}
