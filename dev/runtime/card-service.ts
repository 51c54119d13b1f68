/**
 * A local fake of Apps Script's CardService, for running the add-on outside Apps Script.
 *
 * The builders produce google.apps.card.v1 JSON (proto3 JSON mapping: lowerCamelCase field names, enums as
 * their string names), which `validateCard` in card-validate.ts checks field by field against card.proto.
 *
 * Behaviour copied from the real service, because code that only works against a lenient fake is a bug:
 * - every setter returns the builder, for chaining;
 * - a builder handed to another builder (a widget to a section, an action to a button, a section to a card)
 *   is copied at that moment, so later changes to it are not reflected;
 * - `build()` checks the required fields and throws a descriptive error;
 * - a fixed footer's primary button must be TextButtonStyle.FILLED and its secondary OUTLINED, and a
 *   secondary button set before the primary does nothing (Google's FixedFooter reference); the fake
 *   reports both at `build()` rather than letting the real host show something else;
 * - a Card / ActionResponse / ... is an opaque object with `printJson()`; `toCardJson` is the runtime's way
 *   to get its JSON, and it refuses a builder whose `.build()` was forgotten.
 *
 * Methods that the fake does not implement throw `CardService fake: <Class>.<method> is not implemented`
 * rather than silently doing nothing.
 */

import { KNOWN_ICONS } from './card-icons';

// ---------------------------------------------------------------------------------------------------------
// JSON shapes emitted by the fake. Card content follows google.apps.card.v1 (card.proto); fields are optional
// where a builder may leave them unset, and `build()` enforces the ones the real service requires.
// ---------------------------------------------------------------------------------------------------------

export interface ColorJson {
  red: number;
  green: number;
  blue: number;
}

export interface ActionJson {
  function?: string;
  parameters?: { key: string; value: string }[];
  loadIndicator?: string;
  persistValues?: boolean;
  interaction?: string;
  requiredWidgets?: string[];
  allWidgetsAreRequired?: boolean;
}

export interface OpenLinkJson {
  url?: string;
  openAs?: string;
  onClose?: string;
}

/** google.apps.card.v1.OnClick is a oneof: exactly one member is emitted. */
export type OnClickJson =
  | { action: ActionJson }
  | { openLink: OpenLinkJson }
  | { openDynamicLinkAction: ActionJson }
  | { card: CardJson };

export interface MaterialIconJson {
  name?: string;
  fill?: boolean;
  weight?: number;
  grade?: number;
}

export interface IconJson {
  knownIcon?: string;
  iconUrl?: string;
  materialIcon?: MaterialIconJson;
  altText?: string;
  imageType?: string;
}

export interface ButtonJson {
  text?: string;
  icon?: IconJson;
  color?: ColorJson;
  onClick?: OnClickJson;
  disabled?: boolean;
  altText?: string;
  type?: string;
}

export interface SwitchControlJson {
  name?: string;
  value?: string;
  selected?: boolean;
  onChangeAction?: ActionJson;
  controlType?: string;
}

export interface DecoratedTextJson {
  startIcon?: IconJson;
  topLabel?: string;
  text?: string;
  wrapText?: boolean;
  bottomLabel?: string;
  onClick?: OnClickJson;
  // The `control` oneof: at most one of these three.
  button?: ButtonJson;
  switchControl?: SwitchControlJson;
  endIcon?: IconJson;
}

export interface SuggestionsJson {
  items: { text: string }[];
}

export interface TextInputJson {
  name?: string;
  label?: string;
  hintText?: string;
  value?: string;
  type?: 'SINGLE_LINE' | 'MULTIPLE_LINE';
  onChangeAction?: ActionJson;
  initialSuggestions?: SuggestionsJson;
  autoCompleteAction?: ActionJson;
  validation?: { characterLimit?: number; inputType?: string };
}

export interface SelectionItemJson {
  text: string;
  value: string;
  selected: boolean;
  startIconUri?: string;
  bottomText?: string;
}

export interface SelectionInputJson {
  name?: string;
  label?: string;
  type?: string;
  items?: SelectionItemJson[];
  onChangeAction?: ActionJson;
  multiSelectMaxSelectedItems?: number;
  multiSelectMinQueryLength?: number;
  externalDataSource?: ActionJson;
}

export interface DateTimePickerJson {
  name?: string;
  label?: string;
  type: 'DATE_AND_TIME' | 'DATE_ONLY' | 'TIME_ONLY';
  /** int64 in proto3 JSON is a decimal string. */
  valueMsEpoch?: string;
  timezoneOffsetDate?: number;
  onChangeAction?: ActionJson;
}

export interface ImageJson {
  imageUrl?: string;
  onClick?: OnClickJson;
  altText?: string;
}

export interface BorderStyleJson {
  type?: string;
  strokeColor?: ColorJson;
  cornerRadius?: number;
}

export interface ImageComponentJson {
  imageUri?: string;
  altText?: string;
  cropStyle?: { type?: string; aspectRatio?: number };
  borderStyle?: BorderStyleJson;
}

export interface GridItemJson {
  id?: string;
  image?: ImageComponentJson;
  title?: string;
  subtitle?: string;
  layout?: string;
}

export interface GridJson {
  title?: string;
  items: GridItemJson[];
  borderStyle?: BorderStyleJson;
  columnCount?: number;
  onClick?: OnClickJson;
}

/** google.apps.card.v1.Widget: its `data` oneof, one member per widget. */
export type WidgetJson =
  | { textParagraph: { text?: string } }
  | { decoratedText: DecoratedTextJson }
  | { buttonList: { buttons: ButtonJson[] } }
  | { textInput: TextInputJson }
  | { selectionInput: SelectionInputJson }
  | { dateTimePicker: DateTimePickerJson }
  | { divider: Record<string, never> }
  | { image: ImageJson }
  | { grid: GridJson };

export interface SectionJson {
  header?: string;
  widgets: WidgetJson[];
  collapsible?: boolean;
  uncollapsibleWidgetsCount?: number;
}

export interface CardHeaderJson {
  title?: string;
  subtitle?: string;
  imageType?: string;
  imageUrl?: string;
  imageAltText?: string;
}

export interface CardActionJson {
  actionLabel?: string;
  onClick?: OnClickJson;
}

export interface FixedFooterJson {
  primaryButton?: ButtonJson;
  secondaryButton?: ButtonJson;
}

/** google.apps.card.v1.Card. */
export interface CardJson {
  header?: CardHeaderJson;
  name?: string;
  sections: SectionJson[];
  fixedFooter?: FixedFooterJson;
  displayStyle?: string;
  peekCardHeader?: CardHeaderJson;
  cardActions?: CardActionJson[];
}

// ---------------------------------------------------------------------------------------------------------
// Response envelopes. These are NOT in any proto: they are this project's single definition of what the
// local runtime receives from a callback, and card-validate.ts's `validateResponse` checks exactly this.
//
//   ActionResponse          { action: { navigations?: NavigationJson[], notification?: { text },
//                                       link?: OpenLink }, stateChanged?: true|false }
//   UniversalActionResponse { action: { navigations: [{ pushCard: Card }, ...] } }   (displayAddOnCards)
//                         | { action: { link: OpenLink } }                            (setOpenLink)
//   SuggestionsResponse     { suggestions: { items: [{ text }] } }
//
// A NavigationJson has exactly one key: pushCard | updateCard (a Card), popCard | popToRoot (true), or
// popToCard (the card name). Operations keep the order in which they were called on the Navigation.
// ---------------------------------------------------------------------------------------------------------

export type NavigationJson =
  | { pushCard: CardJson }
  | { updateCard: CardJson }
  | { popCard: true }
  | { popToRoot: true }
  | { popToCard: string };

export interface NotificationJson {
  text?: string;
}

export interface ActionResponseJson {
  action: { navigations?: NavigationJson[]; notification?: NotificationJson; link?: OpenLinkJson };
  stateChanged?: boolean;
}

export interface UniversalActionResponseJson {
  action: { navigations?: { pushCard: CardJson }[]; link?: OpenLinkJson };
}

export interface SuggestionsResponseJson {
  suggestions: SuggestionsJson;
}

// ---------------------------------------------------------------------------------------------------------
// Built objects: opaque, like the real ones. Their JSON lives in a WeakMap so that it is neither enumerable
// nor reachable from add-on code.
// ---------------------------------------------------------------------------------------------------------

export type BuiltKind = 'card' | 'actionResponse' | 'suggestionsResponse' | 'universalActionResponse';

interface BuiltEntry {
  kind: BuiltKind;
  json: CardJson | ActionResponseJson | SuggestionsResponseJson | UniversalActionResponseJson;
}

const builtObjects = new WeakMap<object, BuiltEntry>();

const KIND_LABELS: Record<BuiltKind, string> = {
  card: 'Card',
  actionResponse: 'ActionResponse',
  suggestionsResponse: 'SuggestionsResponse',
  universalActionResponse: 'UniversalActionResponse',
};

function registerBuilt(kind: BuiltKind, json: BuiltEntry['json']): { printJson(): string } {
  const built = Object.freeze({ printJson: (): string => JSON.stringify(json, null, 2) });
  builtObjects.set(built, { kind, json });
  return built;
}

/** What a value is, if it came out of one of the fake's `build()` methods. */
export function builtKind(value: unknown): BuiltKind | undefined {
  return typeof value === 'object' && value !== null ? builtObjects.get(value)?.kind : undefined;
}

/**
 * The JSON of a built Card, ActionResponse, SuggestionsResponse or UniversalActionResponse, or of an array of
 * Cards (a homepage trigger may return one). Returns a deep copy. Throws for anything else, naming the
 * builder when `.build()` was forgotten, as the real platform rejects such a return value.
 */
export function toCardJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => builtJson(item, ['card'], `toCardJson: element [${index}]`));
  }
  return builtJson(
    value,
    ['card', 'actionResponse', 'suggestionsResponse', 'universalActionResponse'],
    'toCardJson',
  );
}

function builtJson(value: unknown, allowed: readonly BuiltKind[], where: string): BuiltEntry['json'] {
  const entry = typeof value === 'object' && value !== null ? builtObjects.get(value) : undefined;
  if (entry && allowed.includes(entry.kind)) return structuredClone(entry.json);
  const expected = allowed.map((kind) => KIND_LABELS[kind]).join(' or ');
  if (unbuiltBuilderName(value) !== undefined) {
    return fail(
      where,
      `got ${describe(value)} instead of a built ${expected}: did you forget to call .build()?`,
    );
  }
  return fail(where, `expected a built ${expected}, got ${describe(value)}`);
}

/** The built card's JSON, for builders that take a Card (Navigation, UniversalActionResponseBuilder). */
function cardJsonOf(card: unknown, where: string): CardJson {
  return builtJson(card, ['card'], where) as CardJson;
}

// ---------------------------------------------------------------------------------------------------------
// Argument checking. The real service rejects wrongly typed arguments; the fake does the same so that a
// bug shows up locally instead of in production.
// ---------------------------------------------------------------------------------------------------------

function fail(where: string, message: string): never {
  throw new Error(`CardService fake: ${where}: ${message}`);
}

function notImplemented(className: string, method: string): never {
  throw new Error(`CardService fake: ${className}.${method} is not implemented`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const builtEntry = builtObjects.get(value);
    if (builtEntry) return `a built ${KIND_LABELS[builtEntry.kind]}`;
    const name = builderDisplayName(value);
    if (name === undefined) return 'an object';
    return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
  }
  return `${typeof value} ${JSON.stringify(value)}`;
}

function argString(value: unknown, where: string): string {
  if (typeof value !== 'string') return fail(where, `expected a string, got ${describe(value)}`);
  return value;
}

function argBoolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') return fail(where, `expected a boolean, got ${describe(value)}`);
  return value;
}

function argInteger(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fail(where, `expected an integer, got ${describe(value)}`);
  }
  return value;
}

function argInstance<T>(
  value: unknown,
  type: abstract new (...args: never[]) => T,
  expected: string,
  where: string,
): T {
  if (!(value instanceof type)) return fail(where, `expected ${expected}, got ${describe(value)}`);
  return value;
}

/** `#RGB` or `#RRGGBB` to google.type.Color, whose channels are fractions in [0, 1]. */
function parseColor(value: unknown, where: string): ColorJson {
  const hex = argString(value, where);
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex)?.[1];
  if (digits === undefined) return fail(where, `expected a colour like #RRGGBB, got "${hex}"`);
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  const channel = (offset: number): number => parseInt(full.slice(offset, offset + 2), 16) / 255;
  return { red: channel(0), green: channel(2), blue: channel(4) };
}

// ---------------------------------------------------------------------------------------------------------
// Enums. Values are their own names, so an enum value is also the proto enum's JSON name where they agree.
// ---------------------------------------------------------------------------------------------------------

const ENUMS = {
  BorderType: ['NO_BORDER', 'STROKE'],
  ComposedEmailType: ['REPLY_AS_DRAFT', 'STANDALONE_DRAFT'],
  ContentType: ['TEXT', 'MUTABLE_HTML', 'IMMUTABLE_HTML'],
  DisplayStyle: ['PEEK', 'REPLACE'],
  GridItemLayout: ['TEXT_BELOW', 'TEXT_ABOVE'],
  HorizontalAlignment: ['START', 'CENTER', 'END'],
  Icon: KNOWN_ICONS,
  ImageCropType: ['SQUARE', 'CIRCLE', 'RECTANGLE_CUSTOM', 'RECTANGLE_4_3'],
  ImageStyle: ['SQUARE', 'CIRCLE'],
  InputType: ['TEXT', 'INTEGER', 'FLOAT', 'EMAIL'],
  Interaction: ['INTERACTION_UNSPECIFIED', 'OPEN_DIALOG'],
  LoadIndicator: ['SPINNER', 'NONE'],
  OnClose: ['NOTHING', 'RELOAD', 'RELOAD_ADD_ON'],
  OpenAs: ['FULL_SIZE', 'OVERLAY'],
  SelectionInputType: ['CHECK_BOX', 'RADIO_BUTTON', 'DROPDOWN', 'SWITCH', 'MULTI_SELECT'],
  SwitchControlType: ['SWITCH', 'CHECK_BOX'],
  TextButtonStyle: ['OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'],
  UpdateDraftBodyType: ['IN_PLACE_INSERT'],
} as const;

type EnumName = keyof typeof ENUMS;
type EnumValue<E extends EnumName> = (typeof ENUMS)[E][number];

function enumObject<E extends EnumName>(name: E): Readonly<Record<EnumValue<E>, EnumValue<E>>> {
  const names: readonly EnumValue<E>[] = ENUMS[name];
  return Object.freeze(Object.fromEntries(names.map((value) => [value, value]))) as Record<
    EnumValue<E>,
    EnumValue<E>
  >;
}

function argEnum<E extends EnumName>(value: unknown, name: E, where: string): EnumValue<E> {
  const names: readonly string[] = ENUMS[name];
  if (typeof value !== 'string' || !names.includes(value)) {
    return fail(where, `expected a CardService.${name} value, got ${describe(value)}`);
  }
  return value as EnumValue<E>;
}

/** TextButtonStyle to Button.Type. TEXT is the deprecated pre-Material-3 plain text button: no border. */
function buttonType(style: EnumValue<'TextButtonStyle'>): string {
  return style === 'TEXT' ? 'BORDERLESS' : style;
}

/** OnClose.RELOAD_ADD_ON is the deprecated alias of RELOAD; card.proto only knows NOTHING and RELOAD. */
function onCloseJson(onClose: EnumValue<'OnClose'>): string {
  return onClose === 'RELOAD_ADD_ON' ? 'RELOAD' : onClose;
}

// Short names for the @types interfaces the classes implement (type-only, so nothing is emitted).
type GasAction = GoogleAppsScript.Card_Service.Action;
type GasActionResponse = GoogleAppsScript.Card_Service.ActionResponse;
type GasActionResponseBuilder = GoogleAppsScript.Card_Service.ActionResponseBuilder;
type GasBorderStyle = GoogleAppsScript.Card_Service.BorderStyle;
type GasButton = GoogleAppsScript.Card_Service.Button;
type GasButtonSet = GoogleAppsScript.Card_Service.ButtonSet;
type GasCard = GoogleAppsScript.Card_Service.Card;
type GasCardAction = GoogleAppsScript.Card_Service.CardAction;
type GasCardBuilder = GoogleAppsScript.Card_Service.CardBuilder;
type GasCardHeader = GoogleAppsScript.Card_Service.CardHeader;
type GasCardSection = GoogleAppsScript.Card_Service.CardSection;
type GasCardService = GoogleAppsScript.Card_Service.CardService;
type GasDatePicker = GoogleAppsScript.Card_Service.DatePicker;
type GasDateTimePicker = GoogleAppsScript.Card_Service.DateTimePicker;
type GasDecoratedText = GoogleAppsScript.Card_Service.DecoratedText;
type GasDivider = GoogleAppsScript.Card_Service.Divider;
type GasFixedFooter = GoogleAppsScript.Card_Service.FixedFooter;
type GasGrid = GoogleAppsScript.Card_Service.Grid;
type GasGridItem = GoogleAppsScript.Card_Service.GridItem;
type GasIcon = GoogleAppsScript.Card_Service.Icon;
type GasIconImage = GoogleAppsScript.Card_Service.IconImage;
type GasImage = GoogleAppsScript.Card_Service.Image;
type GasImageButton = GoogleAppsScript.Card_Service.ImageButton;
type GasImageComponent = GoogleAppsScript.Card_Service.ImageComponent;
type GasImageCropStyle = GoogleAppsScript.Card_Service.ImageCropStyle;
type GasMaterialIcon = GoogleAppsScript.Card_Service.MaterialIcon;
type GasNavigation = GoogleAppsScript.Card_Service.Navigation;
type GasNotification = GoogleAppsScript.Card_Service.Notification;
type GasOpenLink = GoogleAppsScript.Card_Service.OpenLink;
type GasSelectionInput = GoogleAppsScript.Card_Service.SelectionInput;
type GasSuggestions = GoogleAppsScript.Card_Service.Suggestions;
type GasSuggestionsResponse = GoogleAppsScript.Card_Service.SuggestionsResponse;
type GasSuggestionsResponseBuilder = GoogleAppsScript.Card_Service.SuggestionsResponseBuilder;
type GasSwitch = GoogleAppsScript.Card_Service.Switch;
type GasTextButton = GoogleAppsScript.Card_Service.TextButton;
type GasTextInput = GoogleAppsScript.Card_Service.TextInput;
type GasTextParagraph = GoogleAppsScript.Card_Service.TextParagraph;
type GasTimePicker = GoogleAppsScript.Card_Service.TimePicker;
type GasUniversalActionResponse = GoogleAppsScript.Card_Service.UniversalActionResponse;
type GasUniversalActionResponseBuilder = GoogleAppsScript.Card_Service.UniversalActionResponseBuilder;
type GasValidation = GoogleAppsScript.Card_Service.Validation;
type GasWidget = GoogleAppsScript.Card_Service.Widget;

// ---------------------------------------------------------------------------------------------------------
// Small value builders (copied into whatever they are given to).
// ---------------------------------------------------------------------------------------------------------

class ActionImpl implements GasAction {
  private readonly json: ActionJson = {};

  setFunctionName(functionName: string): this {
    this.json.function = argString(functionName, 'Action.setFunctionName');
    return this;
  }

  /** Deprecated alias of setFunctionName, still accepted by the real service. */
  setMethodName(functionName: string): this {
    return this.setFunctionName(functionName);
  }

  setParameters(parameters: { [key: string]: string }): this {
    const where = 'Action.setParameters';
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
      return fail(where, `expected an object of string keys and values, got ${describe(parameters)}`);
    }
    const entries: [string, unknown][] = Object.entries(parameters);
    for (const [key, value] of entries) {
      if (typeof value !== 'string') {
        return fail(where, `Both keys and values must be strings (parameter "${key}" is ${describe(value)})`);
      }
    }
    this.json.parameters = Object.entries(parameters).map(([key, value]) => ({ key, value }));
    return this;
  }

  setLoadIndicator(loadIndicator: GoogleAppsScript.Card_Service.LoadIndicator): this {
    this.json.loadIndicator = argEnum(loadIndicator, 'LoadIndicator', 'Action.setLoadIndicator');
    return this;
  }

  setPersistValues(persistValues: boolean): this {
    this.json.persistValues = argBoolean(persistValues, 'Action.setPersistValues');
    return this;
  }

  setInteraction(interaction: GoogleAppsScript.Card_Service.Interaction): this {
    this.json.interaction = argEnum(interaction, 'Interaction', 'Action.setInteraction');
    return this;
  }

  addRequiredWidget(requiredWidget: string): this {
    const name = argString(requiredWidget, 'Action.addRequiredWidget');
    this.json.requiredWidgets = [...(this.json.requiredWidgets ?? []), name];
    return this;
  }

  setAllWidgetsAreRequired(allWidgetsAreRequired: boolean): this {
    this.json.allWidgetsAreRequired = argBoolean(allWidgetsAreRequired, 'Action.setAllWidgetsAreRequired');
    return this;
  }

  snapshot(): ActionJson {
    return structuredClone(this.json);
  }
}

function actionOf(action: unknown, where: string): ActionJson {
  return argInstance(action, ActionImpl, 'an Action', where).snapshot();
}

class OpenLinkImpl implements GasOpenLink {
  private readonly json: OpenLinkJson = {};

  setUrl(url: string): this {
    this.json.url = argString(url, 'OpenLink.setUrl');
    return this;
  }

  setOpenAs(openAs: GoogleAppsScript.Card_Service.OpenAs): this {
    this.json.openAs = argEnum(openAs, 'OpenAs', 'OpenLink.setOpenAs');
    return this;
  }

  setOnClose(onClose: GoogleAppsScript.Card_Service.OnClose): this {
    this.json.onClose = onCloseJson(argEnum(onClose, 'OnClose', 'OpenLink.setOnClose'));
    return this;
  }

  snapshot(): OpenLinkJson {
    return structuredClone(this.json);
  }
}

function openLinkOf(openLink: unknown, where: string): OpenLinkJson {
  return argInstance(openLink, OpenLinkImpl, 'an OpenLink', where).snapshot();
}

class MaterialIconImpl implements GasMaterialIcon {
  private readonly json: MaterialIconJson = {};

  setName(name: string): this {
    this.json.name = argString(name, 'MaterialIcon.setName');
    return this;
  }

  setFill(fill: boolean): this {
    this.json.fill = argBoolean(fill, 'MaterialIcon.setFill');
    return this;
  }

  setWeight(weight: number): this {
    this.json.weight = argInteger(weight, 'MaterialIcon.setWeight');
    return this;
  }

  setGrade(grade: number): this {
    this.json.grade = argInteger(grade, 'MaterialIcon.setGrade');
    return this;
  }

  snapshot(): MaterialIconJson {
    return structuredClone(this.json);
  }
}

function materialIconOf(icon: unknown, where: string): MaterialIconJson {
  return argInstance(icon, MaterialIconImpl, 'a MaterialIcon', where).snapshot();
}

/** The Icon oneof (knownIcon | iconUrl | materialIcon) is replaced as a whole; altText and imageType stay. */
function withIconSource(icon: IconJson | undefined, source: IconJson): IconJson {
  const { altText, imageType } = icon ?? {};
  return {
    ...source,
    ...(altText === undefined ? {} : { altText }),
    ...(imageType === undefined ? {} : { imageType }),
  };
}

function knownIconSource(icon: GasIcon, where: string): IconJson {
  const name = argEnum(icon, 'Icon', where);
  return name === 'NONE' ? {} : { knownIcon: name };
}

class IconImageImpl implements GasIconImage {
  private json: IconJson = {};

  setIcon(icon: GasIcon): this {
    this.json = withIconSource(this.json, knownIconSource(icon, 'IconImage.setIcon'));
    return this;
  }

  setIconUrl(url: string): this {
    this.json = withIconSource(this.json, { iconUrl: argString(url, 'IconImage.setIconUrl') });
    return this;
  }

  setMaterialIcon(icon: GasMaterialIcon): this {
    this.json = withIconSource(this.json, {
      materialIcon: materialIconOf(icon, 'IconImage.setMaterialIcon'),
    });
    return this;
  }

  setAltText(altText: string): this {
    this.json.altText = argString(altText, 'IconImage.setAltText');
    return this;
  }

  /** An icon's crop is Widget.ImageType, which only has SQUARE and CIRCLE. */
  setImageCropType(imageCropType: GoogleAppsScript.Card_Service.ImageCropType): this {
    const where = 'IconImage.setImageCropType';
    const crop = argEnum(imageCropType, 'ImageCropType', where);
    if (crop !== 'SQUARE' && crop !== 'CIRCLE')
      return fail(where, `an icon can only be SQUARE or CIRCLE, not ${crop}`);
    this.json.imageType = crop;
    return this;
  }

  snapshot(): IconJson {
    return structuredClone(this.json);
  }
}

function iconImageOf(icon: unknown, where: string): IconJson {
  return argInstance(icon, IconImageImpl, 'an IconImage', where).snapshot();
}

class SuggestionsImpl implements GasSuggestions {
  private readonly items: { text: string }[] = [];

  addSuggestion(suggestion: string): this {
    this.items.push({ text: argString(suggestion, 'Suggestions.addSuggestion') });
    return this;
  }

  addSuggestions(suggestions: string[]): this {
    const where = 'Suggestions.addSuggestions';
    if (!Array.isArray(suggestions))
      return fail(where, `expected an array of strings, got ${describe(suggestions)}`);
    const texts = suggestions.map((suggestion: unknown) => argString(suggestion, where));
    this.items.push(...texts.map((text) => ({ text })));
    return this;
  }

  snapshot(): SuggestionsJson {
    return { items: structuredClone(this.items) };
  }
}

function suggestionsOf(suggestions: unknown, where: string): SuggestionsJson {
  return argInstance(suggestions, SuggestionsImpl, 'a Suggestions', where).snapshot();
}

class ValidationImpl implements GasValidation {
  private readonly json: { characterLimit?: number; inputType?: string } = {};

  setCharacterLimit(characterLimit: number): this {
    this.json.characterLimit = argInteger(characterLimit, 'Validation.setCharacterLimit');
    return this;
  }

  setInputType(inputType: GoogleAppsScript.Card_Service.InputType): this {
    this.json.inputType = argEnum(inputType, 'InputType', 'Validation.setInputType');
    return this;
  }

  snapshot(): { characterLimit?: number; inputType?: string } {
    return structuredClone(this.json);
  }
}

class NotificationImpl implements GasNotification {
  private readonly json: NotificationJson = {};

  setText(text: string): this {
    this.json.text = argString(text, 'Notification.setText');
    return this;
  }

  snapshot(): NotificationJson {
    return structuredClone(this.json);
  }
}

class SwitchImpl implements GasSwitch {
  private readonly json: SwitchControlJson = {};

  setFieldName(fieldName: string): this {
    this.json.name = argString(fieldName, 'Switch.setFieldName');
    return this;
  }

  setValue(value: string): this {
    this.json.value = argString(value, 'Switch.setValue');
    return this;
  }

  setSelected(selected: boolean): this {
    this.json.selected = argBoolean(selected, 'Switch.setSelected');
    return this;
  }

  setOnChangeAction(action: GasAction): this {
    this.json.onChangeAction = actionOf(action, 'Switch.setOnChangeAction');
    return this;
  }

  setControlType(type: GoogleAppsScript.Card_Service.SwitchControlType): this {
    this.json.controlType = argEnum(type, 'SwitchControlType', 'Switch.setControlType');
    return this;
  }

  snapshot(): SwitchControlJson {
    return structuredClone(this.json);
  }
}

class BorderStyleImpl implements GasBorderStyle {
  private readonly json: BorderStyleJson = {};

  setType(type: GoogleAppsScript.Card_Service.BorderType): this {
    this.json.type = argEnum(type, 'BorderType', 'BorderStyle.setType');
    return this;
  }

  setStrokeColor(color: string): this {
    this.json.strokeColor = parseColor(color, 'BorderStyle.setStrokeColor');
    return this;
  }

  setCornerRadius(radius: number): this {
    this.json.cornerRadius = argInteger(radius, 'BorderStyle.setCornerRadius');
    return this;
  }

  snapshot(): BorderStyleJson {
    return structuredClone(this.json);
  }
}

function borderStyleOf(borderStyle: unknown, where: string): BorderStyleJson {
  return argInstance(borderStyle, BorderStyleImpl, 'a BorderStyle', where).snapshot();
}

class ImageCropStyleImpl implements GasImageCropStyle {
  private readonly json: { type?: string; aspectRatio?: number } = {};

  setImageCropType(type: GoogleAppsScript.Card_Service.ImageCropType): this {
    this.json.type = argEnum(type, 'ImageCropType', 'ImageCropStyle.setImageCropType');
    return this;
  }

  setAspectRatio(ratio: number): this {
    const where = 'ImageCropStyle.setAspectRatio';
    if (typeof ratio !== 'number' || !(ratio > 0) || !Number.isFinite(ratio)) {
      return fail(where, `the ratio must be a positive number, got ${describe(ratio)}`);
    }
    this.json.aspectRatio = ratio;
    return this;
  }

  snapshot(): { type?: string; aspectRatio?: number } {
    return structuredClone(this.json);
  }
}

class ImageComponentImpl implements GasImageComponent {
  private readonly json: ImageComponentJson = {};

  setImageUrl(url: string): this {
    this.json.imageUri = argString(url, 'ImageComponent.setImageUrl');
    return this;
  }

  setAltText(altText: string): this {
    this.json.altText = argString(altText, 'ImageComponent.setAltText');
    return this;
  }

  setCropStyle(imageCropStyle: GasImageCropStyle): this {
    const where = 'ImageComponent.setCropStyle';
    this.json.cropStyle = argInstance(
      imageCropStyle,
      ImageCropStyleImpl,
      'an ImageCropStyle',
      where,
    ).snapshot();
    return this;
  }

  setBorderStyle(borderStyle: GasBorderStyle): this {
    this.json.borderStyle = borderStyleOf(borderStyle, 'ImageComponent.setBorderStyle');
    return this;
  }

  snapshot(): ImageComponentJson {
    return structuredClone(this.json);
  }
}

class GridItemImpl implements GasGridItem {
  private readonly json: GridItemJson = {};

  setIdentifier(id: string): this {
    this.json.id = argString(id, 'GridItem.setIdentifier');
    return this;
  }

  setImage(image: GasImageComponent): this {
    this.json.image = argInstance(
      image,
      ImageComponentImpl,
      'an ImageComponent',
      'GridItem.setImage',
    ).snapshot();
    return this;
  }

  setLayout(layout: GoogleAppsScript.Card_Service.GridItemLayout): this {
    this.json.layout = argEnum(layout, 'GridItemLayout', 'GridItem.setLayout');
    return this;
  }

  setTitle(title: string): this {
    this.json.title = argString(title, 'GridItem.setTitle');
    return this;
  }

  setSubtitle(subtitle: string): this {
    this.json.subtitle = argString(subtitle, 'GridItem.setSubtitle');
    return this;
  }

  /**
   * card.proto's Grid.GridItem has no alignment field, so there is nothing to emit: the argument is checked
   * and dropped (throwing instead would break add-on code that works in production).
   */
  setTextAlignment(alignment: GoogleAppsScript.Card_Service.HorizontalAlignment): this {
    argEnum(alignment, 'HorizontalAlignment', 'GridItem.setTextAlignment');
    return this;
  }

  snapshot(): GridItemJson {
    return structuredClone(this.json);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Widgets. `toWidgetJson()` returns a fresh copy, which is what "added by copy" needs.
// ---------------------------------------------------------------------------------------------------------

abstract class WidgetImpl implements GasWidget {
  abstract toWidgetJson(): WidgetJson;
}

class TextParagraphImpl extends WidgetImpl implements GasTextParagraph {
  private text: string | undefined;

  setText(text: string): this {
    this.text = argString(text, 'TextParagraph.setText');
    return this;
  }

  override toWidgetJson(): WidgetJson {
    return { textParagraph: this.text === undefined ? {} : { text: this.text } };
  }
}

class DividerImpl extends WidgetImpl implements GasDivider {
  override toWidgetJson(): WidgetJson {
    return { divider: {} };
  }
}

abstract class ButtonImpl extends WidgetImpl implements GasButton {
  protected readonly json: ButtonJson = {};
  protected abstract readonly className: string;

  setOnClickAction(action: GasAction): this {
    this.json.onClick = { action: actionOf(action, `${this.className}.setOnClickAction`) };
    return this;
  }

  setOnClickOpenLinkAction(action: GasAction): this {
    this.json.onClick = {
      openDynamicLinkAction: actionOf(action, `${this.className}.setOnClickOpenLinkAction`),
    };
    return this;
  }

  setOpenLink(openLink: GasOpenLink): this {
    this.json.onClick = { openLink: openLinkOf(openLink, `${this.className}.setOpenLink`) };
    return this;
  }

  setAuthorizationAction(): this {
    return notImplemented(this.className, 'setAuthorizationAction');
  }

  setComposeAction(): this {
    return notImplemented(this.className, 'setComposeAction');
  }

  toButtonJson(): ButtonJson {
    return structuredClone(this.json);
  }

  /** A button added directly to a section renders as a one-button list. */
  override toWidgetJson(): WidgetJson {
    return { buttonList: { buttons: [this.toButtonJson()] } };
  }
}

class TextButtonImpl extends ButtonImpl implements GasTextButton {
  protected override readonly className = 'TextButton';

  setText(text: string): this {
    this.json.text = argString(text, 'TextButton.setText');
    return this;
  }

  setTextButtonStyle(textButtonStyle: GoogleAppsScript.Card_Service.TextButtonStyle): this {
    this.json.type = buttonType(argEnum(textButtonStyle, 'TextButtonStyle', 'TextButton.setTextButtonStyle'));
    return this;
  }

  setBackgroundColor(backgroundColor: string): this {
    this.json.color = parseColor(backgroundColor, 'TextButton.setBackgroundColor');
    return this;
  }

  setDisabled(disabled: boolean): this {
    this.json.disabled = argBoolean(disabled, 'TextButton.setDisabled');
    return this;
  }

  setAltText(altText: string): this {
    this.json.altText = argString(altText, 'TextButton.setAltText');
    return this;
  }
}

class ImageButtonImpl extends ButtonImpl implements GasImageButton {
  protected override readonly className = 'ImageButton';

  setIcon(icon: GasIcon): this {
    this.json.icon = withIconSource(this.json.icon, knownIconSource(icon, 'ImageButton.setIcon'));
    return this;
  }

  setIconUrl(url: string): this {
    this.json.icon = withIconSource(this.json.icon, { iconUrl: argString(url, 'ImageButton.setIconUrl') });
    return this;
  }

  setMaterialIcon(icon: GasMaterialIcon): this {
    const materialIcon = materialIconOf(icon, 'ImageButton.setMaterialIcon');
    this.json.icon = withIconSource(this.json.icon, { materialIcon });
    return this;
  }

  setAltText(altText: string): this {
    this.json.altText = argString(altText, 'ImageButton.setAltText');
    return this;
  }
}

class ButtonSetImpl extends WidgetImpl implements GasButtonSet {
  private readonly buttons: ButtonJson[] = [];

  addButton(button: GasButton): this {
    this.buttons.push(
      argInstance(button, ButtonImpl, 'a TextButton or ImageButton', 'ButtonSet.addButton').toButtonJson(),
    );
    return this;
  }

  override toWidgetJson(): WidgetJson {
    return { buttonList: { buttons: structuredClone(this.buttons) } };
  }
}

class DecoratedTextImpl extends WidgetImpl implements GasDecoratedText {
  private readonly json: DecoratedTextJson = {};

  setText(text: string): this {
    this.json.text = argString(text, 'DecoratedText.setText');
    return this;
  }

  setTopLabel(text: string): this {
    this.json.topLabel = argString(text, 'DecoratedText.setTopLabel');
    return this;
  }

  setBottomLabel(text: string): this {
    this.json.bottomLabel = argString(text, 'DecoratedText.setBottomLabel');
    return this;
  }

  setWrapText(wrapText: boolean): this {
    this.json.wrapText = argBoolean(wrapText, 'DecoratedText.setWrapText');
    return this;
  }

  setStartIcon(startIcon: GasIconImage): this {
    this.json.startIcon = iconImageOf(startIcon, 'DecoratedText.setStartIcon');
    return this;
  }

  /** The deprecated icon setters write the start icon, which is where card.proto's DecoratedText puts it. */
  setIcon(icon: GasIcon): this {
    const source = knownIconSource(icon, 'DecoratedText.setIcon');
    // Icon.NONE means "no icon".
    if (source.knownIcon === undefined) delete this.json.startIcon;
    else this.json.startIcon = withIconSource(this.json.startIcon, source);
    return this;
  }

  setIconUrl(url: string): this {
    const iconUrl = argString(url, 'DecoratedText.setIconUrl');
    this.json.startIcon = withIconSource(this.json.startIcon, { iconUrl });
    return this;
  }

  setIconAltText(altText: string): this {
    this.json.startIcon = {
      ...this.json.startIcon,
      altText: argString(altText, 'DecoratedText.setIconAltText'),
    };
    return this;
  }

  // The control oneof: setting one of button / switch / end icon clears the others.
  setButton(button: GasButton): this {
    const buttonJson = argInstance(
      button,
      ButtonImpl,
      'a TextButton or ImageButton',
      'DecoratedText.setButton',
    );
    this.setControl({ button: buttonJson.toButtonJson() });
    return this;
  }

  setSwitchControl(switchToSet: GasSwitch): this {
    const where = 'DecoratedText.setSwitchControl';
    this.setControl({ switchControl: argInstance(switchToSet, SwitchImpl, 'a Switch', where).snapshot() });
    return this;
  }

  setEndIcon(endIcon: GasIconImage): this {
    this.setControl({ endIcon: iconImageOf(endIcon, 'DecoratedText.setEndIcon') });
    return this;
  }

  private setControl(control: Pick<DecoratedTextJson, 'button' | 'switchControl' | 'endIcon'>): void {
    delete this.json.button;
    delete this.json.switchControl;
    delete this.json.endIcon;
    Object.assign(this.json, control);
  }

  setOnClickAction(action: GasAction): this {
    this.json.onClick = { action: actionOf(action, 'DecoratedText.setOnClickAction') };
    return this;
  }

  setOnClickOpenLinkAction(action: GasAction): this {
    this.json.onClick = { openDynamicLinkAction: actionOf(action, 'DecoratedText.setOnClickOpenLinkAction') };
    return this;
  }

  setOpenLink(openLink: GasOpenLink): this {
    this.json.onClick = { openLink: openLinkOf(openLink, 'DecoratedText.setOpenLink') };
    return this;
  }

  setAuthorizationAction(): this {
    return notImplemented('DecoratedText', 'setAuthorizationAction');
  }

  setComposeAction(): this {
    return notImplemented('DecoratedText', 'setComposeAction');
  }

  override toWidgetJson(): WidgetJson {
    return { decoratedText: structuredClone(this.json) };
  }
}

class TextInputImpl extends WidgetImpl implements GasTextInput {
  private readonly json: TextInputJson = {};

  setFieldName(fieldName: string): this {
    this.json.name = argString(fieldName, 'TextInput.setFieldName');
    return this;
  }

  setTitle(title: string): this {
    this.json.label = argString(title, 'TextInput.setTitle');
    return this;
  }

  setHint(hint: string): this {
    this.json.hintText = argString(hint, 'TextInput.setHint');
    return this;
  }

  setValue(value: string): this {
    this.json.value = argString(value, 'TextInput.setValue');
    return this;
  }

  setMultiline(multiline: boolean): this {
    this.json.type = argBoolean(multiline, 'TextInput.setMultiline') ? 'MULTIPLE_LINE' : 'SINGLE_LINE';
    return this;
  }

  setOnChangeAction(action: GasAction): this {
    this.json.onChangeAction = actionOf(action, 'TextInput.setOnChangeAction');
    return this;
  }

  setSuggestions(suggestions: GasSuggestions): this {
    this.json.initialSuggestions = suggestionsOf(suggestions, 'TextInput.setSuggestions');
    return this;
  }

  setSuggestionsAction(suggestionsAction: GasAction): this {
    this.json.autoCompleteAction = actionOf(suggestionsAction, 'TextInput.setSuggestionsAction');
    return this;
  }

  setValidation(validation: GasValidation): this {
    const where = 'TextInput.setValidation';
    this.json.validation = argInstance(validation, ValidationImpl, 'a Validation', where).snapshot();
    return this;
  }

  override toWidgetJson(): WidgetJson {
    return { textInput: structuredClone(this.json) };
  }
}

class SelectionInputImpl extends WidgetImpl implements GasSelectionInput {
  private readonly json: SelectionInputJson = {};

  setFieldName(fieldName: string): this {
    this.json.name = argString(fieldName, 'SelectionInput.setFieldName');
    return this;
  }

  setTitle(title: string): this {
    this.json.label = argString(title, 'SelectionInput.setTitle');
    return this;
  }

  setType(type: GoogleAppsScript.Card_Service.SelectionInputType): this {
    this.json.type = argEnum(type, 'SelectionInputType', 'SelectionInput.setType');
    return this;
  }

  /** The real service takes any text and value and sends them as strings. */
  addItem(text: unknown, value: unknown, selected: boolean): this {
    const item = { text: String(text), value: String(value) };
    this.addSelectionItem({ ...item, selected: argBoolean(selected, 'SelectionInput.addItem') });
    return this;
  }

  addMultiSelectItem(
    text: string,
    value: string,
    selected: boolean,
    startIconUri: string,
    bottomText: string,
  ): this {
    const where = 'SelectionInput.addMultiSelectItem';
    this.addSelectionItem({
      text: argString(text, where),
      value: argString(value, where),
      selected: argBoolean(selected, where),
      startIconUri: argString(startIconUri, where),
      bottomText: argString(bottomText, where),
    });
    return this;
  }

  private addSelectionItem(item: SelectionItemJson): void {
    this.json.items = [...(this.json.items ?? []), item];
  }

  setOnChangeAction(action: GasAction): this {
    this.json.onChangeAction = actionOf(action, 'SelectionInput.setOnChangeAction');
    return this;
  }

  setExternalDataSource(action: GasAction): this {
    this.json.externalDataSource = actionOf(action, 'SelectionInput.setExternalDataSource');
    return this;
  }

  setMultiSelectMaxSelectedItems(maxSelectedItems: number): this {
    const where = 'SelectionInput.setMultiSelectMaxSelectedItems';
    this.json.multiSelectMaxSelectedItems = argInteger(maxSelectedItems, where);
    return this;
  }

  setMultiSelectMinQueryLength(queryLength: number): this {
    this.json.multiSelectMinQueryLength = argInteger(
      queryLength,
      'SelectionInput.setMultiSelectMinQueryLength',
    );
    return this;
  }

  override toWidgetJson(): WidgetJson {
    return { selectionInput: structuredClone(this.json) };
  }
}

/** DateTimePicker, DatePicker and TimePicker are all card.proto's DateTimePicker, with a different type. */
abstract class PickerImpl extends WidgetImpl {
  protected readonly json: DateTimePickerJson;

  constructor(
    protected readonly className: string,
    type: DateTimePickerJson['type'],
  ) {
    super();
    this.json = { type };
  }

  setFieldName(fieldName: string): this {
    this.json.name = argString(fieldName, `${this.className}.setFieldName`);
    return this;
  }

  setTitle(title: string): this {
    this.json.label = argString(title, `${this.className}.setTitle`);
    return this;
  }

  setOnChangeAction(action: GasAction): this {
    this.json.onChangeAction = actionOf(action, `${this.className}.setOnChangeAction`);
    return this;
  }

  override toWidgetJson(): WidgetJson {
    return { dateTimePicker: structuredClone(this.json) };
  }
}

/** Milliseconds since the epoch as proto3 JSON's int64: a decimal string. */
function msEpoch(value: unknown, where: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(Math.trunc(value));
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
  return fail(where, `expected milliseconds since the epoch, got ${describe(value)}`);
}

class DateTimePickerImpl extends PickerImpl implements GasDateTimePicker {
  constructor() {
    super('DateTimePicker', 'DATE_AND_TIME');
  }

  setValueInMsSinceEpoch(valueMsEpoch: number | string): this {
    this.json.valueMsEpoch = msEpoch(valueMsEpoch, 'DateTimePicker.setValueInMsSinceEpoch');
    return this;
  }

  setTimeZoneOffsetInMins(timeZoneOffsetMins: number): this {
    this.json.timezoneOffsetDate = argInteger(timeZoneOffsetMins, 'DateTimePicker.setTimeZoneOffsetInMins');
    return this;
  }
}

class DatePickerImpl extends PickerImpl implements GasDatePicker {
  constructor() {
    super('DatePicker', 'DATE_ONLY');
  }

  setValueInMsSinceEpoch(valueMsEpoch: number | string): this {
    this.json.valueMsEpoch = msEpoch(valueMsEpoch, 'DatePicker.setValueInMsSinceEpoch');
    return this;
  }
}

/** A TIME_ONLY picker's value is the time of day in milliseconds (12:00 is 43200000). */
class TimePickerImpl extends PickerImpl implements GasTimePicker {
  private hours: number | undefined;
  private minutes: number | undefined;

  constructor() {
    super('TimePicker', 'TIME_ONLY');
  }

  setHours(hours: number): this {
    this.hours = this.timePart(hours, 23, 'TimePicker.setHours');
    return this.updateValue();
  }

  setMinutes(minutes: number): this {
    this.minutes = this.timePart(minutes, 59, 'TimePicker.setMinutes');
    return this.updateValue();
  }

  private timePart(value: number, max: number, where: string): number {
    const part = argInteger(value, where);
    if (part < 0 || part > max) return fail(where, `expected 0 to ${max}, got ${part}`);
    return part;
  }

  private updateValue(): this {
    this.json.valueMsEpoch = String(((this.hours ?? 0) * 60 + (this.minutes ?? 0)) * 60_000);
    return this;
  }
}

class ImageImpl extends WidgetImpl implements GasImage {
  private readonly json: ImageJson = {};

  setImageUrl(url: string): this {
    this.json.imageUrl = argString(url, 'Image.setImageUrl');
    return this;
  }

  setAltText(altText: string): this {
    this.json.altText = argString(altText, 'Image.setAltText');
    return this;
  }

  setOnClickAction(action: GasAction): this {
    this.json.onClick = { action: actionOf(action, 'Image.setOnClickAction') };
    return this;
  }

  setOnClickOpenLinkAction(action: GasAction): this {
    this.json.onClick = { openDynamicLinkAction: actionOf(action, 'Image.setOnClickOpenLinkAction') };
    return this;
  }

  setOpenLink(openLink: GasOpenLink): this {
    this.json.onClick = { openLink: openLinkOf(openLink, 'Image.setOpenLink') };
    return this;
  }

  setAuthorizationAction(): this {
    return notImplemented('Image', 'setAuthorizationAction');
  }

  setComposeAction(): this {
    return notImplemented('Image', 'setComposeAction');
  }

  override toWidgetJson(): WidgetJson {
    return { image: structuredClone(this.json) };
  }
}

class GridImpl extends WidgetImpl implements GasGrid {
  private readonly json: GridJson = { items: [] };

  setTitle(title: string): this {
    this.json.title = argString(title, 'Grid.setTitle');
    return this;
  }

  addItem(gridItem: GasGridItem): this {
    this.json.items.push(argInstance(gridItem, GridItemImpl, 'a GridItem', 'Grid.addItem').snapshot());
    return this;
  }

  setBorderStyle(borderStyle: GasBorderStyle): this {
    this.json.borderStyle = borderStyleOf(borderStyle, 'Grid.setBorderStyle');
    return this;
  }

  setNumColumns(numColumns: number): this {
    this.json.columnCount = argInteger(numColumns, 'Grid.setNumColumns');
    return this;
  }

  setOnClickAction(action: GasAction): this {
    this.json.onClick = { action: actionOf(action, 'Grid.setOnClickAction') };
    return this;
  }

  setOnClickOpenLinkAction(action: GasAction): this {
    this.json.onClick = { openDynamicLinkAction: actionOf(action, 'Grid.setOnClickOpenLinkAction') };
    return this;
  }

  setOpenLink(openLink: GasOpenLink): this {
    this.json.onClick = { openLink: openLinkOf(openLink, 'Grid.setOpenLink') };
    return this;
  }

  setAuthorizationAction(): this {
    return notImplemented('Grid', 'setAuthorizationAction');
  }

  setComposeAction(): this {
    return notImplemented('Grid', 'setComposeAction');
  }

  override toWidgetJson(): WidgetJson {
    return { grid: structuredClone(this.json) };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Card structure.
// ---------------------------------------------------------------------------------------------------------

/** The real service caps both sections per card and widgets per section at 100. */
const MAX_SECTIONS = 100;
const MAX_WIDGETS = 100;

class CardHeaderImpl implements GasCardHeader {
  private readonly json: CardHeaderJson = {};

  setTitle(title: string): this {
    this.json.title = argString(title, 'CardHeader.setTitle');
    return this;
  }

  setSubtitle(subtitle: string): this {
    this.json.subtitle = argString(subtitle, 'CardHeader.setSubtitle');
    return this;
  }

  setImageUrl(imageUrl: string): this {
    this.json.imageUrl = argString(imageUrl, 'CardHeader.setImageUrl');
    return this;
  }

  setImageAltText(imageAltText: string): this {
    this.json.imageAltText = argString(imageAltText, 'CardHeader.setImageAltText');
    return this;
  }

  setImageStyle(imageStyle: GoogleAppsScript.Card_Service.ImageStyle): this {
    this.json.imageType = argEnum(imageStyle, 'ImageStyle', 'CardHeader.setImageStyle');
    return this;
  }

  snapshot(): CardHeaderJson {
    return structuredClone(this.json);
  }
}

function headerOf(header: unknown, where: string): CardHeaderJson {
  return argInstance(header, CardHeaderImpl, 'a CardHeader', where).snapshot();
}

class CardSectionImpl implements GasCardSection {
  private readonly json: SectionJson = { widgets: [] };

  setHeader(header: string): this {
    this.json.header = argString(header, 'CardSection.setHeader');
    return this;
  }

  addWidget(widget: GasWidget): this {
    const where = 'CardSection.addWidget';
    const widgetJson = argInstance(widget, WidgetImpl, 'a widget', where).toWidgetJson();
    if (this.json.widgets.length >= MAX_WIDGETS) {
      return fail(where, `You can't add more than ${MAX_WIDGETS} widgets to a card section`);
    }
    this.json.widgets.push(widgetJson);
    return this;
  }

  setCollapsible(collapsible: boolean): this {
    this.json.collapsible = argBoolean(collapsible, 'CardSection.setCollapsible');
    return this;
  }

  setNumUncollapsibleWidgets(numUncollapsibleWidgets: number): this {
    const where = 'CardSection.setNumUncollapsibleWidgets';
    this.json.uncollapsibleWidgetsCount = argInteger(numUncollapsibleWidgets, where);
    return this;
  }

  snapshot(): SectionJson {
    return structuredClone(this.json);
  }
}

class CardActionImpl implements GasCardAction {
  private readonly json: CardActionJson = {};

  setText(text: string): this {
    this.json.actionLabel = argString(text, 'CardAction.setText');
    return this;
  }

  setOnClickAction(action: GasAction): this {
    this.json.onClick = { action: actionOf(action, 'CardAction.setOnClickAction') };
    return this;
  }

  setOnClickOpenLinkAction(action: GasAction): this {
    this.json.onClick = { openDynamicLinkAction: actionOf(action, 'CardAction.setOnClickOpenLinkAction') };
    return this;
  }

  setOpenLink(openLink: GasOpenLink): this {
    this.json.onClick = { openLink: openLinkOf(openLink, 'CardAction.setOpenLink') };
    return this;
  }

  setAuthorizationAction(): this {
    return notImplemented('CardAction', 'setAuthorizationAction');
  }

  setComposeAction(): this {
    return notImplemented('CardAction', 'setComposeAction');
  }

  snapshot(): CardActionJson {
    return structuredClone(this.json);
  }
}

/** A fixed footer as CardBuilder.setFixedFooter copies it: its JSON, and whether a secondary button was dropped. */
interface FixedFooterSnapshot {
  json: FixedFooterJson;
  ignoredSecondary: boolean;
}

class FixedFooterImpl implements GasFixedFooter {
  private readonly json: FixedFooterJson = {};
  private ignoredSecondary = false;

  setPrimaryButton(button: GasTextButton): this {
    const where = 'FixedFooter.setPrimaryButton';
    this.json.primaryButton = argInstance(button, TextButtonImpl, 'a TextButton', where).toButtonJson();
    return this;
  }

  /**
   * Google: "This method does nothing if setPrimaryButton(button) isn't called to set the primary button."
   * Like the real one, the fake keeps no secondary button set before the primary; unlike it, it remembers
   * the call, so that CardBuilder.build reports it instead of the button silently missing from the card.
   */
  setSecondaryButton(button: GasTextButton): this {
    const where = 'FixedFooter.setSecondaryButton';
    const json = argInstance(button, TextButtonImpl, 'a TextButton', where).toButtonJson();
    if (this.json.primaryButton) this.json.secondaryButton = json;
    else this.ignoredSecondary = true;
    return this;
  }

  snapshot(): FixedFooterSnapshot {
    return {
      json: structuredClone(this.json),
      ignoredSecondary: this.ignoredSecondary && !this.json.secondaryButton,
    };
  }
}

class CardBuilderImpl implements GasCardBuilder {
  private header: CardHeaderJson | undefined;
  private peekCardHeader: CardHeaderJson | undefined;
  private name: string | undefined;
  private displayStyle: string | undefined;
  private fixedFooter: FixedFooterSnapshot | undefined;
  private readonly sections: SectionJson[] = [];
  private readonly cardActions: CardActionJson[] = [];

  setHeader(cardHeader: GasCardHeader): this {
    this.header = headerOf(cardHeader, 'CardBuilder.setHeader');
    return this;
  }

  setPeekCardHeader(peekCardHeader: GasCardHeader): this {
    this.peekCardHeader = headerOf(peekCardHeader, 'CardBuilder.setPeekCardHeader');
    return this;
  }

  setName(name: string): this {
    this.name = argString(name, 'CardBuilder.setName');
    return this;
  }

  setDisplayStyle(displayStyle: GoogleAppsScript.Card_Service.DisplayStyle): this {
    this.displayStyle = argEnum(displayStyle, 'DisplayStyle', 'CardBuilder.setDisplayStyle');
    return this;
  }

  setFixedFooter(fixedFooter: GasFixedFooter): this {
    const where = 'CardBuilder.setFixedFooter';
    this.fixedFooter = argInstance(fixedFooter, FixedFooterImpl, 'a FixedFooter', where).snapshot();
    return this;
  }

  addSection(section: GasCardSection): this {
    const where = 'CardBuilder.addSection';
    const sectionJson = argInstance(section, CardSectionImpl, 'a CardSection', where).snapshot();
    if (this.sections.length >= MAX_SECTIONS) {
      return fail(where, `You can't add more than ${MAX_SECTIONS} sections to a card`);
    }
    this.sections.push(sectionJson);
    return this;
  }

  addCardAction(cardAction: GasCardAction): this {
    const where = 'CardBuilder.addCardAction';
    this.cardActions.push(argInstance(cardAction, CardActionImpl, 'a CardAction', where).snapshot());
    return this;
  }

  build(): GasCard {
    const card: CardJson = {
      ...(this.header ? { header: this.header } : {}),
      ...(this.name === undefined ? {} : { name: this.name }),
      sections: this.sections,
      ...(this.fixedFooter ? { fixedFooter: this.fixedFooter.json } : {}),
      ...(this.displayStyle ? { displayStyle: this.displayStyle } : {}),
      ...(this.peekCardHeader ? { peekCardHeader: this.peekCardHeader } : {}),
      ...(this.cardActions.length > 0 ? { cardActions: this.cardActions } : {}),
    };
    const problems = checkCard(card, '');
    if (this.fixedFooter?.ignoredSecondary) problems.push(IGNORED_SECONDARY_PROBLEM);
    throwIfInvalid('CardBuilder.build', 'invalid card', problems);
    return registerBuilt('card', structuredClone(card));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Responses.
// ---------------------------------------------------------------------------------------------------------

class NavigationImpl implements GasNavigation {
  private readonly navigations: NavigationJson[] = [];

  pushCard(card: GasCard): this {
    this.navigations.push({ pushCard: cardJsonOf(card, 'Navigation.pushCard') });
    return this;
  }

  updateCard(card: GasCard): this {
    this.navigations.push({ updateCard: cardJsonOf(card, 'Navigation.updateCard') });
    return this;
  }

  popCard(): this {
    this.navigations.push({ popCard: true });
    return this;
  }

  popToRoot(): this {
    this.navigations.push({ popToRoot: true });
    return this;
  }

  popToNamedCard(cardName: string): this {
    this.navigations.push({ popToCard: argString(cardName, 'Navigation.popToNamedCard') });
    return this;
  }

  printJson(): string {
    return JSON.stringify(this.navigations, null, 2);
  }

  snapshot(): NavigationJson[] {
    return structuredClone(this.navigations);
  }
}

class ActionResponseBuilderImpl implements GasActionResponseBuilder {
  private navigations: NavigationJson[] | undefined;
  private notification: NotificationJson | undefined;
  private link: OpenLinkJson | undefined;
  private stateChanged: boolean | undefined;

  setNavigation(navigation: GasNavigation): this {
    const where = 'ActionResponseBuilder.setNavigation';
    this.navigations = argInstance(navigation, NavigationImpl, 'a Navigation', where).snapshot();
    return this;
  }

  setNotification(notification: GasNotification): this {
    const where = 'ActionResponseBuilder.setNotification';
    this.notification = argInstance(notification, NotificationImpl, 'a Notification', where).snapshot();
    return this;
  }

  setOpenLink(openLink: GasOpenLink): this {
    this.link = openLinkOf(openLink, 'ActionResponseBuilder.setOpenLink');
    return this;
  }

  setStateChanged(stateChanged: boolean): this {
    this.stateChanged = argBoolean(stateChanged, 'ActionResponseBuilder.setStateChanged');
    return this;
  }

  build(): GasActionResponse {
    const problems = [
      ...(this.notification ? checkNotification(this.notification, 'action.notification') : []),
      ...(this.link ? checkOpenLink(this.link, 'action.link') : []),
    ];
    throwIfInvalid('ActionResponseBuilder.build', 'invalid action response', problems);
    const json: ActionResponseJson = {
      action: {
        ...(this.navigations && this.navigations.length > 0 ? { navigations: this.navigations } : {}),
        ...(this.notification ? { notification: this.notification } : {}),
        ...(this.link ? { link: this.link } : {}),
      },
      ...(this.stateChanged === undefined ? {} : { stateChanged: this.stateChanged }),
    };
    return registerBuilt('actionResponse', structuredClone(json));
  }
}

class SuggestionsResponseBuilderImpl implements GasSuggestionsResponseBuilder {
  private suggestions: SuggestionsJson | undefined;

  setSuggestions(suggestions: GasSuggestions): this {
    this.suggestions = suggestionsOf(suggestions, 'SuggestionsResponseBuilder.setSuggestions');
    return this;
  }

  build(): GasSuggestionsResponse {
    if (!this.suggestions)
      return fail('SuggestionsResponseBuilder.build', 'call setSuggestions before build');
    const json: SuggestionsResponseJson = { suggestions: structuredClone(this.suggestions) };
    return registerBuilt('suggestionsResponse', json);
  }
}

class UniversalActionResponseBuilderImpl implements GasUniversalActionResponseBuilder {
  private cards: CardJson[] | undefined;
  private link: OpenLinkJson | undefined;

  displayAddOnCards(cardObjects: GasCard[]): this {
    const where = 'UniversalActionResponseBuilder.displayAddOnCards';
    if (!Array.isArray(cardObjects))
      return fail(where, `expected an array of Cards, got ${describe(cardObjects)}`);
    this.cards = cardObjects.map((card: unknown, index) => cardJsonOf(card, `${where}: card [${index}]`));
    return this;
  }

  setOpenLink(openLink: GasOpenLink): this {
    this.link = openLinkOf(openLink, 'UniversalActionResponseBuilder.setOpenLink');
    return this;
  }

  /** A universal action either shows cards or opens a link. */
  build(): GasUniversalActionResponse {
    const where = 'UniversalActionResponseBuilder.build';
    if (this.cards && this.link) return fail(where, 'set either displayAddOnCards or setOpenLink, not both');
    if (this.cards) {
      if (this.cards.length === 0) return fail(where, 'displayAddOnCards needs at least one card');
      const json: UniversalActionResponseJson = {
        action: { navigations: this.cards.map((card) => ({ pushCard: card })) },
      };
      return registerBuilt('universalActionResponse', structuredClone(json));
    }
    if (this.link) {
      throwIfInvalid(where, 'invalid universal action response', checkOpenLink(this.link, 'action.link'));
      return registerBuilt('universalActionResponse', { action: { link: structuredClone(this.link) } });
    }
    return fail(where, 'call displayAddOnCards or setOpenLink before build');
  }
}

/** Builders that have a `build()`, for the "did you forget .build()?" message. */
function unbuiltBuilderName(value: unknown): string | undefined {
  if (value instanceof CardBuilderImpl) return 'CardBuilder';
  if (value instanceof ActionResponseBuilderImpl) return 'ActionResponseBuilder';
  if (value instanceof SuggestionsResponseBuilderImpl) return 'SuggestionsResponseBuilder';
  if (value instanceof UniversalActionResponseBuilderImpl) return 'UniversalActionResponseBuilder';
  return undefined;
}

/** A readable class name for error messages. */
function builderDisplayName(value: object): string | undefined {
  const unbuilt = unbuiltBuilderName(value);
  if (unbuilt) return unbuilt;
  const name = value.constructor.name;
  return name.endsWith('Impl') ? name.slice(0, -'Impl'.length) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Required fields, checked at build time. Each check returns problems as "path: message"; the path is the
// JSON path inside the object being built, so the message points at the offending builder.
// ---------------------------------------------------------------------------------------------------------

function throwIfInvalid(where: string, what: string, problems: string[]): void {
  if (problems.length > 0) fail(where, `${what}:\n  ${problems.join('\n  ')}`);
}

function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The real service treats an empty string like an unset required field. */
function isBlank(text: string | undefined): boolean {
  return text === undefined || text === '';
}

function checkCard(card: CardJson, path: string): string[] {
  const problems: string[] = [];
  if (card.sections.length === 0) {
    problems.push(`${at(path, 'sections')}: a card needs at least one section (CardBuilder.addSection)`);
  }
  if (card.header) problems.push(...checkHeader(card.header, at(path, 'header')));
  if (card.peekCardHeader) problems.push(...checkHeader(card.peekCardHeader, at(path, 'peekCardHeader')));
  card.sections.forEach((section, index) =>
    problems.push(...checkSection(section, at(path, `sections[${index}]`))),
  );
  if (card.fixedFooter) problems.push(...checkFixedFooter(card.fixedFooter, at(path, 'fixedFooter')));
  (card.cardActions ?? []).forEach((cardAction, index) =>
    problems.push(...checkCardAction(cardAction, at(path, `cardActions[${index}]`))),
  );
  return problems;
}

function checkHeader(header: CardHeaderJson, path: string): string[] {
  return isBlank(header.title) ? [`${path}: a card header needs a title (CardHeader.setTitle)`] : [];
}

function checkSection(section: SectionJson, path: string): string[] {
  if (section.widgets.length === 0) {
    return [`${path}: a section needs at least one widget (CardSection.addWidget)`];
  }
  return section.widgets.flatMap((widget, index) => checkWidget(widget, at(path, `widgets[${index}]`)));
}

function checkFixedFooter(footer: FixedFooterJson, path: string): string[] {
  const problems = footer.primaryButton
    ? checkButton(footer.primaryButton, at(path, 'primaryButton'))
    : [`${path}: a fixed footer needs a primary button (FixedFooter.setPrimaryButton)`];
  if (footer.secondaryButton)
    problems.push(...checkButton(footer.secondaryButton, at(path, 'secondaryButton')));
  problems.push(...checkFixedFooterButtonStyles(footer, path));
  return problems;
}

const IGNORED_SECONDARY_PROBLEM =
  'fixedFooter.secondaryButton: FixedFooter.setSecondaryButton was called before setPrimaryButton, and ' +
  '"this method does nothing if setPrimaryButton(button) isn\'t called": the real card has no secondary ' +
  'button. Call setPrimaryButton first';

/** The JSON `type` a TextButtonStyle becomes (see `buttonType`), and back, for messages. */
function describeButtonType(type: unknown): string {
  if (type === undefined) return 'no TextButtonStyle, which is OUTLINED';
  if (type === 'BORDERLESS') return 'BORDERLESS (TextButtonStyle.BORDERLESS or TEXT)';
  return typeof type === 'string' ? type : describe(type);
}

/**
 * Google's fixed-footer rule (developers.google.com/apps-script/reference/card-service/fixed-footer):
 * "The primary button must be a TextButtonStyle.FILLED button" and "The secondary button must be a
 * TextButtonStyle.OUTLINED button. This method does nothing if setPrimaryButton(button) isn't called";
 * card.proto: "If secondaryButton is set, you must also set primaryButton".
 *
 * Works on the emitted JSON (the button's `type`, unset meaning OUTLINED, the default of both
 * TextButtonStyle and card.proto's Button.Type; TextButtonStyle.TEXT is emitted as BORDERLESS), so
 * `validateCard` applies the same rule to any card JSON. A button's `color` does not count: in Apps Script
 * only the style makes a button FILLED. Takes `unknown` members because `validateCard` sees arbitrary JSON.
 */
export function checkFixedFooterButtonStyles(
  footer: { primaryButton?: unknown; secondaryButton?: unknown },
  path: string,
): string[] {
  const problems: string[] = [];
  const typeOf = (button: unknown): unknown =>
    typeof button === 'object' && button !== null ? (button as { type?: unknown }).type : undefined;
  const { primaryButton, secondaryButton } = footer;
  if (primaryButton !== undefined && typeOf(primaryButton) !== 'FILLED') {
    problems.push(
      `${at(path, 'primaryButton')}: the primary button of a fixed footer must be a TextButtonStyle.FILLED ` +
        `button (TextButton.setTextButtonStyle(CardService.TextButtonStyle.FILLED)), got ` +
        describeButtonType(typeOf(primaryButton)),
    );
  }
  if (secondaryButton === undefined) return problems;
  if (primaryButton === undefined) {
    problems.push(
      `${at(path, 'secondaryButton')}: a fixed footer with a secondary button needs a primary button ` +
        '(FixedFooter.setSecondaryButton does nothing unless setPrimaryButton is called)',
    );
  }
  const secondaryType = typeOf(secondaryButton) ?? 'OUTLINED';
  if (secondaryType !== 'OUTLINED') {
    problems.push(
      `${at(path, 'secondaryButton')}: the secondary button of a fixed footer must be a ` +
        'TextButtonStyle.OUTLINED button (TextButton.setTextButtonStyle(CardService.TextButtonStyle.OUTLINED)), ' +
        `got ${describeButtonType(secondaryType)}`,
    );
  }
  return problems;
}

function checkCardAction(cardAction: CardActionJson, path: string): string[] {
  const problems = isBlank(cardAction.actionLabel)
    ? [`${path}: a card action needs text (CardAction.setText)`]
    : [];
  problems.push(...checkRequiredOnClick(cardAction.onClick, path, 'a card action'));
  return problems;
}

function checkWidget(widget: WidgetJson, path: string): string[] {
  if ('textParagraph' in widget) {
    return widget.textParagraph.text === undefined
      ? [`${at(path, 'textParagraph')}: a text paragraph needs text (TextParagraph.setText)`]
      : [];
  }
  if ('decoratedText' in widget) return checkDecoratedText(widget.decoratedText, at(path, 'decoratedText'));
  if ('buttonList' in widget) return checkButtonList(widget.buttonList.buttons, at(path, 'buttonList'));
  if ('textInput' in widget) return checkTextInput(widget.textInput, at(path, 'textInput'));
  if ('selectionInput' in widget)
    return checkSelectionInput(widget.selectionInput, at(path, 'selectionInput'));
  if ('dateTimePicker' in widget)
    return checkDateTimePicker(widget.dateTimePicker, at(path, 'dateTimePicker'));
  if ('image' in widget) return checkImage(widget.image, at(path, 'image'));
  if ('grid' in widget) return checkGrid(widget.grid, at(path, 'grid'));
  return [];
}

function checkDecoratedText(decorated: DecoratedTextJson, path: string): string[] {
  const problems = isBlank(decorated.text)
    ? [`${path}: a decorated text needs text (DecoratedText.setText)`]
    : [];
  if (decorated.startIcon) problems.push(...checkIcon(decorated.startIcon, at(path, 'startIcon')));
  if (decorated.endIcon) problems.push(...checkIcon(decorated.endIcon, at(path, 'endIcon')));
  if (decorated.button) problems.push(...checkButton(decorated.button, at(path, 'button')));
  if (decorated.switchControl)
    problems.push(...checkSwitch(decorated.switchControl, at(path, 'switchControl')));
  if (decorated.onClick) problems.push(...checkOnClick(decorated.onClick, at(path, 'onClick')));
  return problems;
}

function checkButtonList(buttons: ButtonJson[], path: string): string[] {
  if (buttons.length === 0) return [`${path}: a button set needs at least one button (ButtonSet.addButton)`];
  return buttons.flatMap((button, index) => checkButton(button, at(path, `buttons[${index}]`)));
}

function checkButton(button: ButtonJson, path: string): string[] {
  const problems =
    isBlank(button.text) && !button.icon
      ? [`${path}: a button needs text (TextButton.setText) or an icon (ImageButton.setIcon)`]
      : [];
  if (button.icon) problems.push(...checkIcon(button.icon, at(path, 'icon')));
  problems.push(...checkRequiredOnClick(button.onClick, path, 'a button'));
  return problems;
}

function checkIcon(icon: IconJson, path: string): string[] {
  if (icon.materialIcon) {
    return isBlank(icon.materialIcon.name)
      ? [`${at(path, 'materialIcon')}: a material icon needs a name`]
      : [];
  }
  return isBlank(icon.knownIcon) && isBlank(icon.iconUrl)
    ? [`${path}: an icon needs an icon, an icon URL or a material icon`]
    : [];
}

function checkSwitch(control: SwitchControlJson, path: string): string[] {
  const problems = isBlank(control.name)
    ? [`${path}: a switch needs a field name (Switch.setFieldName)`]
    : [];
  if (control.onChangeAction)
    problems.push(...checkAction(control.onChangeAction, at(path, 'onChangeAction')));
  return problems;
}

function checkTextInput(input: TextInputJson, path: string): string[] {
  const problems = isBlank(input.name)
    ? [`${path}: a text input needs a field name (TextInput.setFieldName)`]
    : [];
  if (input.onChangeAction) problems.push(...checkAction(input.onChangeAction, at(path, 'onChangeAction')));
  if (input.autoCompleteAction) {
    problems.push(...checkAction(input.autoCompleteAction, at(path, 'autoCompleteAction')));
  }
  return problems;
}

function checkSelectionInput(input: SelectionInputJson, path: string): string[] {
  const problems: string[] = [];
  if (isBlank(input.name))
    problems.push(`${path}: a selection input needs a field name (SelectionInput.setFieldName)`);
  if (input.type === undefined)
    problems.push(`${path}: a selection input needs a type (SelectionInput.setType)`);
  if (input.onChangeAction) problems.push(...checkAction(input.onChangeAction, at(path, 'onChangeAction')));
  if (input.externalDataSource) {
    problems.push(...checkAction(input.externalDataSource, at(path, 'externalDataSource')));
  }
  return problems;
}

function checkDateTimePicker(picker: DateTimePickerJson, path: string): string[] {
  const problems = isBlank(picker.name)
    ? [`${path}: a date/time picker needs a field name (setFieldName)`]
    : [];
  if (picker.onChangeAction) problems.push(...checkAction(picker.onChangeAction, at(path, 'onChangeAction')));
  return problems;
}

function checkImage(image: ImageJson, path: string): string[] {
  const problems = isBlank(image.imageUrl) ? [`${path}: an image needs a URL (Image.setImageUrl)`] : [];
  if (image.onClick) problems.push(...checkOnClick(image.onClick, at(path, 'onClick')));
  return problems;
}

function checkGrid(grid: GridJson, path: string): string[] {
  const problems = grid.items.length === 0 ? [`${path}: a grid needs at least one item (Grid.addItem)`] : [];
  if (grid.onClick) problems.push(...checkOnClick(grid.onClick, at(path, 'onClick')));
  return problems;
}

function checkRequiredOnClick(onClick: OnClickJson | undefined, path: string, what: string): string[] {
  if (!onClick)
    return [`${path}: ${what} needs an onClick (setOnClickAction, setOpenLink or setOnClickOpenLinkAction)`];
  return checkOnClick(onClick, at(path, 'onClick'));
}

function checkOnClick(onClick: OnClickJson, path: string): string[] {
  if ('action' in onClick) return checkAction(onClick.action, at(path, 'action'));
  if ('openDynamicLinkAction' in onClick)
    return checkAction(onClick.openDynamicLinkAction, at(path, 'openDynamicLinkAction'));
  if ('openLink' in onClick) return checkOpenLink(onClick.openLink, at(path, 'openLink'));
  return checkCard(onClick.card, at(path, 'card'));
}

function checkAction(action: ActionJson, path: string): string[] {
  return isBlank(action.function)
    ? [`${path}: an action needs a function name (Action.setFunctionName)`]
    : [];
}

function checkOpenLink(link: OpenLinkJson, path: string): string[] {
  return isBlank(link.url) ? [`${path}: an open link needs a URL (OpenLink.setUrl)`] : [];
}

function checkNotification(notification: NotificationJson, path: string): string[] {
  return isBlank(notification.text) ? [`${path}: a notification needs text (Notification.setText)`] : [];
}

// ---------------------------------------------------------------------------------------------------------
// The service object.
// ---------------------------------------------------------------------------------------------------------

/** A fresh CardService. Enum values are their names: `CardService.LoadIndicator.SPINNER === 'SPINNER'`. */
export function createCardService(): GasCardService {
  const unimplemented = (method: string) => (): never => notImplemented('CardService', method);
  const service: GasCardService = {
    // Enum objects hold strings where @types declares numeric enums: cast only here, at the boundary.
    BorderType: enumObject('BorderType') as unknown as GasCardService['BorderType'],
    ComposedEmailType: enumObject('ComposedEmailType') as unknown as GasCardService['ComposedEmailType'],
    ContentType: enumObject('ContentType') as unknown as GasCardService['ContentType'],
    DisplayStyle: enumObject('DisplayStyle') as unknown as GasCardService['DisplayStyle'],
    GridItemLayout: enumObject('GridItemLayout') as unknown as GasCardService['GridItemLayout'],
    HorizontalAlignment: enumObject(
      'HorizontalAlignment',
    ) as unknown as GasCardService['HorizontalAlignment'],
    Icon: enumObject('Icon') as unknown as GasCardService['Icon'],
    ImageCropType: enumObject('ImageCropType') as unknown as GasCardService['ImageCropType'],
    ImageStyle: enumObject('ImageStyle') as unknown as GasCardService['ImageStyle'],
    InputType: enumObject('InputType') as unknown as GasCardService['InputType'],
    Interaction: enumObject('Interaction') as unknown as GasCardService['Interaction'],
    LoadIndicator: enumObject('LoadIndicator') as unknown as GasCardService['LoadIndicator'],
    OnClose: enumObject('OnClose') as unknown as GasCardService['OnClose'],
    OpenAs: enumObject('OpenAs') as unknown as GasCardService['OpenAs'],
    SelectionInputType: enumObject('SelectionInputType') as unknown as GasCardService['SelectionInputType'],
    SwitchControlType: enumObject('SwitchControlType') as unknown as GasCardService['SwitchControlType'],
    TextButtonStyle: enumObject('TextButtonStyle') as unknown as GasCardService['TextButtonStyle'],
    UpdateDraftBodyType: enumObject(
      'UpdateDraftBodyType',
    ) as unknown as GasCardService['UpdateDraftBodyType'],

    newAction: () => new ActionImpl(),
    newActionResponseBuilder: () => new ActionResponseBuilderImpl(),
    newBorderStyle: () => new BorderStyleImpl(),
    newButtonSet: () => new ButtonSetImpl(),
    newCardAction: () => new CardActionImpl(),
    newCardBuilder: () => new CardBuilderImpl(),
    newCardHeader: () => new CardHeaderImpl(),
    newCardSection: () => new CardSectionImpl(),
    newDatePicker: () => new DatePickerImpl(),
    newDateTimePicker: () => new DateTimePickerImpl(),
    newDecoratedText: () => new DecoratedTextImpl(),
    newDivider: () => new DividerImpl(),
    newFixedFooter: () => new FixedFooterImpl(),
    newGrid: () => new GridImpl(),
    newGridItem: () => new GridItemImpl(),
    newIconImage: () => new IconImageImpl(),
    newImage: () => new ImageImpl(),
    newImageButton: () => new ImageButtonImpl(),
    newImageComponent: () => new ImageComponentImpl(),
    newImageCropStyle: () => new ImageCropStyleImpl(),
    newMaterialIcon: () => new MaterialIconImpl(),
    newNavigation: () => new NavigationImpl(),
    newNotification: () => new NotificationImpl(),
    newOpenLink: () => new OpenLinkImpl(),
    newSelectionInput: () => new SelectionInputImpl(),
    newSuggestions: () => new SuggestionsImpl(),
    newSuggestionsResponseBuilder: () => new SuggestionsResponseBuilderImpl(),
    newSwitch: () => new SwitchImpl(),
    newTextButton: () => new TextButtonImpl(),
    newTextInput: () => new TextInputImpl(),
    newTextParagraph: () => new TextParagraphImpl(),
    newTimePicker: () => new TimePickerImpl(),
    newUniversalActionResponseBuilder: () => new UniversalActionResponseBuilderImpl(),
    newValidation: () => new ValidationImpl(),

    // Not needed by a Gmail homepage add-on; they fail loudly instead of returning a do-nothing object.
    newAttachment: unimplemented('newAttachment'),
    newAuthorizationAction: unimplemented('newAuthorizationAction'),
    newAuthorizationException: unimplemented('newAuthorizationException'),
    newCalendarEventActionResponseBuilder: unimplemented('newCalendarEventActionResponseBuilder'),
    newComposeActionResponseBuilder: unimplemented('newComposeActionResponseBuilder'),
    newDriveItemsSelectedActionResponseBuilder: unimplemented('newDriveItemsSelectedActionResponseBuilder'),
    newEditorFileScopeActionResponseBuilder: unimplemented('newEditorFileScopeActionResponseBuilder'),
    newKeyValue: unimplemented('newKeyValue'),
    newLinkPreview: unimplemented('newLinkPreview'),
    newUpdateDraftActionResponseBuilder: unimplemented('newUpdateDraftActionResponseBuilder'),
    newUpdateDraftBccRecipientsAction: unimplemented('newUpdateDraftBccRecipientsAction'),
    newUpdateDraftBodyAction: unimplemented('newUpdateDraftBodyAction'),
    newUpdateDraftCcRecipientsAction: unimplemented('newUpdateDraftCcRecipientsAction'),
    newUpdateDraftSubjectAction: unimplemented('newUpdateDraftSubjectAction'),
    newUpdateDraftToRecipientsAction: unimplemented('newUpdateDraftToRecipientsAction'),
  };
  // Not frozen: a Proxy that wraps the methods (the runtime counts calls that way) may only report a
  // different value for a property that is writable or configurable.
  return service;
}
