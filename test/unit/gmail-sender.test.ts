/** The sender's address in a From header (src/platform/gmail.ts). */
import { emailIn } from '../../src/platform/gmail';

describe('emailIn', () => {
  it.each([
    ['Anna Schmidt <Anna@Kunde.Example>', 'anna@kunde.example'],
    ['anna@kunde.example', 'anna@kunde.example'],
    ['"Schmidt, Anna" <anna@kunde.example>', 'anna@kunde.example'],
    ['Undisclosed', ''],
    ['', ''],
    ['<not an address>', ''],
  ])('%j → %j', (from, email) => {
    expect(emailIn(from)).toBe(email);
  });
});
