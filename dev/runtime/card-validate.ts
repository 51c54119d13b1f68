/**
 * A strict validator of card JSON against google/apps/card/v1/card.proto (from google-proto-files).
 *
 * protobufjs's own `Type.verify` is not enough: it accepts only numeric enums and ignores unknown keys, and
 * an unknown or misspelt key is exactly the mistake that makes the real host drop part of a card without a
 * word. So this walks the reflection instead: every key must be a field (by its lowerCamelCase JSON name),
 * scalars must have the right JSON type, enums must be one of their string names, repeated fields must be
 * arrays, and at most one member of each oneof may be set.
 *
 * Beyond the schema it applies one rule that card.proto states only in comments and Apps Script documents
 * for FixedFooter: the primary button must be FILLED, the secondary OUTLINED and only beside a primary
 * (`checkFixedFooterButtonStyles`, shared with CardBuilder.build).
 *
 * `validateResponse` checks the response envelopes defined in card-service.ts (they are not in any proto)
 * and validates every card inside them.
 */
import * as path from 'node:path';
import { Enum, Root, Type, type Field } from 'protobufjs';
import { checkFixedFooterButtonStyles } from './card-service';

const CARD_PROTO = 'google/apps/card/v1/card.proto';
const CARD_TYPE = 'google.apps.card.v1.Card';
const FIXED_FOOTER_TYPE = '.google.apps.card.v1.Card.CardFixedFooter';

let cachedRoot: Root | undefined;

/** card.proto and its imports (google/type/color.proto, ...), parsed once per process. */
function cardRoot(): Root {
  if (cachedRoot) return cachedRoot;
  const protoDir = path.dirname(require.resolve('google-proto-files/package.json'));
  const root = new Root();
  // Imports are relative to the package root ("google/type/color.proto"), not to the importing file.
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(protoDir, target));
  root.loadSync(CARD_PROTO, { keepCase: false });
  root.resolveAll();
  cachedRoot = root;
  return root;
}

function cardType(name: string): Type {
  return cardRoot().lookupType(name);
}

/** Problems with `json` as a google.apps.card.v1.Card; empty when it is valid. */
export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  checkMessage(json, cardType(CARD_TYPE), '', problems);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Walking the reflection.
// ---------------------------------------------------------------------------------------------------------

function at(pathSoFar: string, key: string): string {
  return pathSoFar === '' ? key : `${pathSoFar}.${key}`;
}

function label(pathSoFar: string): string {
  return pathSoFar === '' ? '(root)' : pathSoFar;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldNamed(type: Type, key: string): Field | undefined {
  return type.fieldsArray.find((field) => field.name === key);
}

/** google.protobuf.FloatValue and friends are written in JSON as the bare wrapped scalar. */
function wrappedScalar(type: Type): string | undefined {
  const isWrapper =
    /^\.google\.protobuf\.[A-Za-z0-9]+Value$/.test(type.fullName) && type.fieldsArray.length === 1;
  const valueField = type.fieldsArray[0];
  return isWrapper && valueField?.name === 'value' && !valueField.resolvedType ? valueField.type : undefined;
}

function checkMessage(value: unknown, type: Type, pathSoFar: string, problems: string[]): void {
  const scalar = wrappedScalar(type);
  if (scalar !== undefined) {
    checkScalar(value, scalar, pathSoFar, problems);
    return;
  }
  if (!isObject(value)) {
    problems.push(`${label(pathSoFar)}: expected an object (${type.name}), got ${describe(value)}`);
    return;
  }
  for (const [key, fieldValue] of Object.entries(value)) {
    const field = fieldNamed(type, key);
    if (field) checkField(fieldValue, field, at(pathSoFar, key), problems);
    else problems.push(unknownField(type, key, pathSoFar));
  }
  for (const oneof of type.oneofsArray) {
    const present = oneof.fieldsArray
      .filter((field) => value[field.name] !== undefined)
      .map((field) => field.name);
    if (present.length > 1) {
      const members = oneof.fieldsArray.map((field) => field.name).join(', ');
      problems.push(
        `${label(pathSoFar)}: at most one of ${members} may be set (oneof ${oneof.name}), got ${present.join(' and ')}`,
      );
    }
  }
  if (type.fullName === FIXED_FOOTER_TYPE) problems.push(...checkFixedFooterButtonStyles(value, pathSoFar));
}

function unknownField(type: Type, key: string, pathSoFar: string): string {
  const camel = key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  const hint = camel !== key && fieldNamed(type, camel) ? ` (the JSON name is "${camel}")` : '';
  return `${at(pathSoFar, key)}: unknown field of ${type.name}${hint}`;
}

function checkField(value: unknown, field: Field, pathSoFar: string, problems: string[]): void {
  // An absent key and an undefined property mean the same; null is not accepted (strict).
  if (value === undefined) return;
  if (field.map) {
    checkMap(value, field, pathSoFar, problems);
    return;
  }
  if (!field.repeated) {
    checkSingle(value, field, pathSoFar, problems);
    return;
  }
  if (!Array.isArray(value)) {
    problems.push(`${pathSoFar}: expected an array (repeated ${field.type}), got ${describe(value)}`);
    return;
  }
  value.forEach((item: unknown, index) => checkSingle(item, field, `${pathSoFar}[${index}]`, problems));
}

/** card.proto has no map fields today; this keeps the walker correct should one appear. */
function checkMap(value: unknown, field: Field, pathSoFar: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${pathSoFar}: expected an object (map), got ${describe(value)}`);
    return;
  }
  for (const [key, item] of Object.entries(value))
    checkSingle(item, field, `${pathSoFar}[${JSON.stringify(key)}]`, problems);
}

function checkSingle(value: unknown, field: Field, pathSoFar: string, problems: string[]): void {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) checkMessage(value, resolved, pathSoFar, problems);
  else if (resolved instanceof Enum) checkEnum(value, resolved, pathSoFar, problems);
  else checkScalar(value, field.type, pathSoFar, problems);
}

function checkEnum(value: unknown, enumType: Enum, pathSoFar: string, problems: string[]): void {
  const names = Object.keys(enumType.values);
  if (typeof value === 'string' && names.includes(value)) return;
  problems.push(
    `${pathSoFar}: expected one of ${names.join(', ')} (${enumType.name}), got ${describe(value)}`,
  );
}

const INT32_RANGES: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  sint32: [-(2 ** 31), 2 ** 31 - 1],
  sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  fixed32: [0, 2 ** 32 - 1],
};
const INT64_TYPES = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);

function checkScalar(value: unknown, scalarType: string, pathSoFar: string, problems: string[]): void {
  if (!scalarMatches(value, scalarType))
    problems.push(`${pathSoFar}: expected ${scalarType}, got ${describe(value)}`);
}

function scalarMatches(value: unknown, scalarType: string): boolean {
  const int32Range = INT32_RANGES[scalarType];
  if (int32Range) {
    return (
      typeof value === 'number' && Number.isInteger(value) && value >= int32Range[0] && value <= int32Range[1]
    );
  }
  if (INT64_TYPES.has(scalarType)) {
    // proto3 JSON writes 64-bit integers as decimal strings and also accepts plain numbers.
    const unsigned = scalarType.startsWith('u') || scalarType === 'fixed64';
    if (typeof value === 'number') return Number.isSafeInteger(value) && (!unsigned || value >= 0);
    return typeof value === 'string' && (unsigned ? /^\d+$/ : /^-?\d+$/).test(value);
  }
  switch (scalarType) {
    case 'double':
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'bytes':
      return typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Response envelopes (shapes: see ActionResponseJson & co. in card-service.ts).
// ---------------------------------------------------------------------------------------------------------

/**
 * Problems with what a callback returned, as JSON: an ActionResponse or UniversalActionResponse envelope
 * (`{ action, stateChanged? }`), a SuggestionsResponse envelope (`{ suggestions }`), an array of Cards, or a
 * bare Card. Every card inside is validated with `validateCard`; paths start at the envelope.
 */
export function validateResponse(json: unknown): string[] {
  const problems: string[] = [];
  if (Array.isArray(json)) checkCardList(json, problems);
  else if (!isObject(json))
    problems.push(`(root): expected a response object or an array of cards, got ${describe(json)}`);
  else if ('suggestions' in json) checkSuggestionsEnvelope(json, problems);
  else if ('action' in json || 'stateChanged' in json) checkActionEnvelope(json, problems);
  else checkMessage(json, cardType(CARD_TYPE), '', problems);
  return problems;
}

function checkCardList(cards: unknown[], problems: string[]): void {
  if (cards.length === 0) problems.push('(root): an array of cards needs at least one card');
  cards.forEach((card, index) => checkMessage(card, cardType(CARD_TYPE), `[${index}]`, problems));
}

/** Reports keys other than `allowed`; returns false when `value` is not an object at all. */
function checkKeys(
  value: unknown,
  allowed: readonly string[],
  pathSoFar: string,
  problems: string[],
): value is Record<string, unknown> {
  if (!isObject(value)) {
    problems.push(`${label(pathSoFar)}: expected an object, got ${describe(value)}`);
    return false;
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      problems.push(`${at(pathSoFar, key)}: unknown field (expected ${allowed.join(', ')})`);
  }
  return true;
}

function checkActionEnvelope(json: Record<string, unknown>, problems: string[]): void {
  checkKeys(json, ['action', 'stateChanged'], '', problems);
  if (json.stateChanged !== undefined && typeof json.stateChanged !== 'boolean') {
    problems.push(`stateChanged: expected bool, got ${describe(json.stateChanged)}`);
  }
  const action = json.action;
  if (action === undefined) {
    problems.push('action: missing');
    return;
  }
  if (!checkKeys(action, ['navigations', 'notification', 'link'], 'action', problems)) return;
  if (action.navigations !== undefined) checkNavigations(action.navigations, 'action.navigations', problems);
  if (action.notification !== undefined)
    checkNotification(action.notification, 'action.notification', problems);
  if (action.link !== undefined) checkLink(action.link, 'action.link', problems);
}

const NAVIGATION_KEYS = ['pushCard', 'updateCard', 'popCard', 'popToRoot', 'popToCard'] as const;

function checkNavigations(value: unknown, pathSoFar: string, problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`${pathSoFar}: expected an array, got ${describe(value)}`);
    return;
  }
  value.forEach((navigation: unknown, index) =>
    checkNavigation(navigation, `${pathSoFar}[${index}]`, problems),
  );
}

/** Each navigation is a one-key object: a card to push or update, a pop, or the name of a card to pop to. */
function checkNavigation(navigation: unknown, pathSoFar: string, problems: string[]): void {
  if (!checkKeys(navigation, NAVIGATION_KEYS, pathSoFar, problems)) return;
  const keys = Object.keys(navigation);
  if (keys.length !== 1) {
    problems.push(`${pathSoFar}: expected exactly one of ${NAVIGATION_KEYS.join(', ')}, got ${keys.length}`);
  }
  for (const key of keys) {
    const operand = navigation[key];
    const operandPath = at(pathSoFar, key);
    if (key === 'pushCard' || key === 'updateCard')
      checkMessage(operand, cardType(CARD_TYPE), operandPath, problems);
    if ((key === 'popCard' || key === 'popToRoot') && operand !== true) {
      problems.push(`${operandPath}: expected true, got ${describe(operand)}`);
    }
    if (key === 'popToCard' && (typeof operand !== 'string' || operand === '')) {
      problems.push(`${operandPath}: expected a card name, got ${describe(operand)}`);
    }
  }
}

function checkNotification(notification: unknown, pathSoFar: string, problems: string[]): void {
  if (!checkKeys(notification, ['text'], pathSoFar, problems)) return;
  if (typeof notification.text !== 'string' || notification.text === '') {
    problems.push(
      `${at(pathSoFar, 'text')}: expected a non-empty string, got ${describe(notification.text)}`,
    );
  }
}

function checkLink(link: unknown, pathSoFar: string, problems: string[]): void {
  checkMessage(link, cardType('google.apps.card.v1.OpenLink'), pathSoFar, problems);
  if (isObject(link) && (typeof link.url !== 'string' || link.url === '')) {
    problems.push(`${at(pathSoFar, 'url')}: expected a non-empty string, got ${describe(link.url)}`);
  }
}

function checkSuggestionsEnvelope(json: Record<string, unknown>, problems: string[]): void {
  checkKeys(json, ['suggestions'], '', problems);
  const suggestions = json.suggestions;
  if (!checkKeys(suggestions, ['items'], 'suggestions', problems)) return;
  const items = suggestions.items;
  if (!Array.isArray(items)) {
    problems.push(`suggestions.items: expected an array, got ${describe(items)}`);
    return;
  }
  items.forEach((item: unknown, index) => {
    const itemPath = `suggestions.items[${index}]`;
    if (!checkKeys(item, ['text'], itemPath, problems)) return;
    if (typeof item.text !== 'string')
      problems.push(`${itemPath}.text: expected string, got ${describe(item.text)}`);
  });
}
