import { decodeUserState, encodeUserState, type UserState } from '../domain/user-state';
import { KEYS } from './keys';
import type { KeyValueStore } from './ports';

export function readUserState(userStore: KeyValueStore): UserState {
  return decodeUserState(userStore.get(KEYS.userState));
}

export function writeUserState(userStore: KeyValueStore, state: UserState): void {
  userStore.setAll({ [KEYS.userState]: encodeUserState(state) });
}

/** Forgets the user's state (e.g. "Ask me later" lifted by "Answer now"). */
export function clearUserState(userStore: KeyValueStore): void {
  userStore.delete(KEYS.userState);
}
