// Tests of the suites that fail on the Firestore backend because of src/, not of the test set-up:
// jest project integration-firestore skips them (firestore-environment.cjs), and shows them as
// skipped. Remove an entry when its bug is fixed. `test` is the full name as jest prints it (the
// describe blocks and the test, joined by spaces); `reason` is one line.
/** @type {{ file: string, test: string, reason: string }[]} */
const FIRESTORE_KNOWN_FAILURES = [];

module.exports = { FIRESTORE_KNOWN_FAILURES };
