/** The Settings tab (src/domain/settings-rows.ts): each value checked, a bad one keeps the old value. */
import { DEFAULT_SETTINGS, parseStoredSettings, readSettingsRows } from '../../src/domain/settings-rows';

describe('the Settings tab', () => {
  it('reads every setting', () => {
    const read = readSettingsRows([
      ['supportStaff', 'Sam@Vendor.example, kim@vendor.example'],
      ['supportAddress', 'help@vendor.example'],
      ['syncMinutes', '5'],
      ['statusLanguage', 'de'],
    ]);
    expect(read.settings).toEqual({
      supportStaff: ['sam@vendor.example', 'kim@vendor.example'],
      supportAddress: 'help@vendor.example',
      syncMinutes: 5,
      statusLanguage: 'de',
    });
    expect(read.rows.every((r) => r.kind === 'ok')).toBe(true);
  });

  it.each([
    [['supportStaff', 'sam@vendor.example, not-an-email'], 'badEmail'],
    [['supportAddress', 'help at vendor'], 'badEmail'],
    [['syncMinutes', '7'], 'badMinutes'],
    [['statusLanguage', 'fr'], 'badLanguage'],
    [['theme', 'dark'], 'unknownSetting'],
    [['supportAddress', { formula: '=A1' }], 'formula'],
  ] as const)('flags %j and keeps the previous value', (row, kind) => {
    const previous = {
      ...DEFAULT_SETTINGS,
      supportStaff: ['sam@vendor.example'],
      supportAddress: 'old@vendor.example',
    };
    const read = readSettingsRows([row], previous);
    expect(read.rows[0]).toEqual({ kind: 'flagged', problem: expect.objectContaining({ kind }) });
    expect(read.settings).toEqual(previous);
  });

  it('says so when no support staff is listed', () => {
    expect(readSettingsRows([['supportStaff', '']]).rows[0]).toEqual({
      kind: 'flagged',
      problem: { kind: 'noSupportStaff' },
    });
  });

  it('reads stored settings back, and the defaults from damaged text', () => {
    const settings = readSettingsRows([['syncMinutes', '30']]).settings;
    expect(parseStoredSettings(JSON.stringify(settings))).toEqual(settings);
    expect(parseStoredSettings('{broken')).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
