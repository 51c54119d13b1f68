/** The local runtime's fakes keep the real services' semantics and limits. */
import { CacheStore, PropertyStore, RuntimeHost } from '../../dev/runtime/host';
import { ERRORS, PROPERTY_STORE_MAX_BYTES } from '../../dev/runtime/limits';
import { LocalRuntime } from '../../dev/runtime/runtime';

describe('PropertyStore', () => {
  it('counts keys and values in UTF-8 bytes and rejects a value over 9 KB', () => {
    const store = new PropertyStore();
    store.setAll({ ä: 'ü' }, false);
    expect(store.usedBytes()).toBe(4);
    expect(() => store.setAll({ big: 'x'.repeat(9 * 1024 + 1) }, false)).toThrow(
      ERRORS.propertyValueTooLarge,
    );
    expect(store.getAll()).toEqual({ ä: 'ü' });
  });

  it('rejects a write that would pass 500 KB and writes none of it', () => {
    const store = new PropertyStore();
    let i = 0;
    while (store.usedBytes() + 9000 < PROPERTY_STORE_MAX_BYTES)
      store.setAll({ [`k${i++}`]: 'x'.repeat(8990) }, false);
    const before = store.getAll();
    expect(() => store.setAll({ a: 'small', b: 'x'.repeat(9000) }, false)).toThrow(ERRORS.propertyQuota);
    expect(store.getAll()).toEqual(before);
  });

  it('counts an overwritten value once', () => {
    const store = new PropertyStore();
    store.setAll({ k: 'abc' }, false);
    store.setAll({ k: 'abcdef' }, false);
    expect(store.usedBytes()).toBe(7);
    store.delete('k');
    expect(store.usedBytes()).toBe(0);
  });
});

describe('CacheStore', () => {
  it('expires entries after their TTL, default 600 s, at most 6 h', () => {
    let now = 0;
    const cache = new CacheStore(() => now);
    cache.putAll({ a: '1' });
    cache.putAll({ b: '2' }, 100_000);
    now = 599_000;
    expect(cache.getAll(['a', 'b'])).toEqual({ a: '1', b: '2' });
    now = 600_000;
    expect(cache.getAll(['a'])).toEqual({});
    now = 21_600_000;
    expect(cache.getAll(['b'])).toEqual({});
  });

  it('enforces key and value sizes', () => {
    const cache = new CacheStore(() => 0);
    expect(() => cache.putAll({ ['k'.repeat(251)]: 'v' })).toThrow(ERRORS.cacheKeyTooLarge);
    expect(() => cache.putAll({ k: 'v'.repeat(100 * 1024 + 1) })).toThrow(ERRORS.cacheValueTooLarge);
  });

  it('evicts the least recently used entries past 1,000 items', () => {
    const cache = new CacheStore(() => 0);
    cache.putAll({ first: '1' });
    for (let i = 0; i < 1000; i++) cache.putAll({ [`k${i}`]: String(i) });
    expect(cache.getAll(['first'])).toEqual({});
    expect(cache.size()).toBe(1000);
  });
});

/** A tiny script, not our bundle: read-modify-write of one counter, with a delay in between. */
const COUNTER_SCRIPT = `
function increment(e) {
  var useLock = e.commonEventObject.parameters.lock === 'yes';
  var props = PropertiesService.getScriptProperties();
  var lock = LockService.getScriptLock();
  for (var i = 0; i < 5; i++) {
    if (useLock) lock.waitLock(20000);
    var n = Number(props.getProperty('n') || 0);
    var until = Date.now() + 15;
    while (Date.now() < until) {}
    props.setProperty('n', n + 1);
    if (useLock) lock.releaseLock();
  }
}
function holdLock() {
  LockService.getScriptLock().waitLock(1000);
  return null;
}
function hasLockAfter() {
  var lock = LockService.getScriptLock();
  return String(lock.tryLock(0));
}
`;

function counterRuntime(): LocalRuntime {
  return new LocalRuntime({
    bundle: { code: COUNTER_SCRIPT, manifest: { timeZone: 'Etc/UTC' } },
    validateCards: false,
  });
}

function incrementRequest(lock: boolean) {
  const identity = { email: 'a@x.example', locale: 'en', timeZone: 'Etc/UTC' };
  return {
    functionName: 'increment',
    identity,
    event: { commonEventObject: { parameters: { lock: lock ? 'yes' : 'no' } } },
  };
}

describe('LockService between concurrent executions', () => {
  it('loses updates without the lock and none with it (4 workers x 5 increments)', async () => {
    const unlocked = counterRuntime();
    await unlocked.runConcurrently(Array.from({ length: 4 }, () => incrementRequest(false)));
    expect(Number(unlocked.host.scriptProperties.get('n'))).toBeLessThan(20);

    const locked = counterRuntime();
    const results = await locked.runConcurrently(Array.from({ length: 4 }, () => incrementRequest(true)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(locked.host.scriptProperties.get('n')).toBe('20');
  });

  it('stops an execution that runs past the callback limit, and frees its lock', async () => {
    const runtime = new LocalRuntime({
      bundle: {
        code:
          'function spin() { LockService.getScriptLock().waitLock(1000); while (true) {} }\n' +
          COUNTER_SCRIPT,
        manifest: {},
      },
      validateCards: false,
      callbackLimitMs: 300,
    });
    const identity = { email: 'a@x.example', locale: 'en', timeZone: 'Etc/UTC' };
    await expect(runtime.runConcurrently([{ functionName: 'spin', identity, event: {} }])).rejects.toThrow(
      'Exceeded maximum execution time (spin)',
    );
    expect(runtime.run({ functionName: 'hasLockAfter', identity, event: {} }).value).toBe('true');
  });

  it('releases a lock when the execution that held it ends', () => {
    const runtime = counterRuntime();
    const identity = { email: 'a@x.example', locale: 'en', timeZone: 'Etc/UTC' };
    expect(runtime.run({ functionName: 'holdLock', identity, event: {} }).ok).toBe(true);
    expect(runtime.run({ functionName: 'hasLockAfter', identity, event: {} }).value).toBe('true');
  });

  it('times out waitLock with the real error text when another holder keeps the lock', () => {
    const runtime = counterRuntime();
    runtime.host.holdLockExternally('script');
    const identity = { email: 'a@x.example', locale: 'en', timeZone: 'Etc/UTC' };
    const result = runtime.run({ functionName: 'holdLock', identity, event: {} });
    expect(result.ok).toBe(false);
    expect(result.error?.message).toBe(ERRORS.lockTimeout);
  });
});

describe('the runtime host', () => {
  it('snapshots and restores stored state (caches start empty, as after eviction)', () => {
    const host = new RuntimeHost();
    host.scriptProperties.setAll({ a: '1' }, false);
    host.userStore({ email: 'U@x.example' }).setAll({ s: '2' }, false);
    host.scriptCache.putAll({ c: '3' });
    const copy = new RuntimeHost();
    copy.restore(JSON.parse(JSON.stringify(host.snapshot())));
    expect(copy.scriptProperties.getAll()).toEqual({ a: '1' });
    expect(copy.userStore({ email: 'u@x.example' }).getAll()).toEqual({ s: '2' });
    expect(copy.scriptCache.getAll(['c'])).toEqual({});
  });

  it('rejects a returned card that card.proto does not accept', () => {
    const runtime = new LocalRuntime({
      bundle: {
        code: `function bad() { return { action: { navigations: [{ pushCard: { sections: 'not a list' } }] } }; }
               function good() { return CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('t')).addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('x'))).build(); }`,
        manifest: {},
      },
    });
    const identity = { email: 'a@x.example', locale: 'en', timeZone: 'Etc/UTC' };
    expect(runtime.run({ functionName: 'good', identity, event: {} }).ok).toBe(true);
    const bad = runtime.run({ functionName: 'bad', identity, event: {} });
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toContain('card.proto rejects');
    expect(runtime.run({ functionName: 'missing', identity, event: {} }).error?.message).toContain(
      'Script function not found',
    );
  });
});
