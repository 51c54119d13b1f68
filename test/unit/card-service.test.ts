import { builtKind, createCardService, toCardJson } from '../../dev/runtime/card-service';
import { validateCard, validateResponse } from '../../dev/runtime/card-validate';

const CardService = createCardService();

function action(functionName: string): GoogleAppsScript.Card_Service.Action {
  return CardService.newAction().setFunctionName(functionName);
}

function oneWidgetSection(): GoogleAppsScript.Card_Service.CardSection {
  return CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('Hello'));
}

function simpleCard(name: string): GoogleAppsScript.Card_Service.Card {
  return CardService.newCardBuilder()
    .setName(name)
    .setHeader(CardService.newCardHeader().setTitle(name))
    .addSection(oneWidgetSection())
    .build();
}

describe('CardService fake: a realistic card', () => {
  function buildRealisticCard(): GoogleAppsScript.Card_Service.Card {
    const header = CardService.newCardHeader()
      .setTitle('Reseller Connect')
      .setSubtitle('Link your organisation')
      .setImageUrl('https://example.com/logo.png')
      .setImageStyle(CardService.ImageStyle.CIRCLE)
      .setImageAltText('Logo');
    const linkAction = CardService.newAction()
      .setFunctionName('onLink')
      .setParameters({ resellerId: 'r-42', mode: 'link' })
      .setLoadIndicator(CardService.LoadIndicator.SPINNER);
    const overview = CardService.newCardSection()
      .setHeader('Overview')
      .addWidget(CardService.newTextParagraph().setText('<b>Welcome</b>'))
      .addWidget(
        CardService.newDecoratedText()
          .setTopLabel('Reseller')
          .setText('Acme Ltd')
          .setBottomLabel('Since 2021')
          .setWrapText(true)
          .setStartIcon(CardService.newIconImage().setIcon(CardService.Icon.PERSON)),
      )
      .addWidget(
        CardService.newButtonSet().addButton(
          CardService.newTextButton()
            .setText('Link')
            .setTextButtonStyle(CardService.TextButtonStyle.FILLED)
            .setOnClickAction(linkAction),
        ),
      );
    const search = CardService.newCardSection()
      .setHeader('Search')
      .setCollapsible(true)
      .setNumUncollapsibleWidgets(1)
      .addWidget(
        CardService.newTextInput()
          .setFieldName('query')
          .setTitle('Reseller name')
          .setHint('At least 3 characters')
          .setSuggestionsAction(action('suggestResellers')),
      )
      .addWidget(
        CardService.newSelectionInput()
          .setFieldName('region')
          .setTitle('Region')
          .setType(CardService.SelectionInputType.RADIO_BUTTON)
          .addItem('Europe', 'eu', true)
          .addItem('Americas', 'us', false),
      )
      .addWidget(CardService.newDivider());
    const footer = CardService.newFixedFooter()
      .setPrimaryButton(
        CardService.newTextButton()
          .setText('Save')
          .setTextButtonStyle(CardService.TextButtonStyle.FILLED)
          .setOnClickAction(action('onSave')),
      )
      .setSecondaryButton(
        CardService.newTextButton()
          .setText('Help')
          .setOpenLink(CardService.newOpenLink().setUrl('https://example.com/help')),
      );
    return CardService.newCardBuilder()
      .setName('home')
      .setHeader(header)
      .addSection(overview)
      .addSection(search)
      .setFixedFooter(footer)
      .build();
  }

  const expectedJson = {
    name: 'home',
    header: {
      title: 'Reseller Connect',
      subtitle: 'Link your organisation',
      imageUrl: 'https://example.com/logo.png',
      imageType: 'CIRCLE',
      imageAltText: 'Logo',
    },
    sections: [
      {
        header: 'Overview',
        widgets: [
          { textParagraph: { text: '<b>Welcome</b>' } },
          {
            decoratedText: {
              topLabel: 'Reseller',
              text: 'Acme Ltd',
              bottomLabel: 'Since 2021',
              wrapText: true,
              startIcon: { knownIcon: 'PERSON' },
            },
          },
          {
            buttonList: {
              buttons: [
                {
                  text: 'Link',
                  type: 'FILLED',
                  onClick: {
                    action: {
                      function: 'onLink',
                      parameters: [
                        { key: 'resellerId', value: 'r-42' },
                        { key: 'mode', value: 'link' },
                      ],
                      loadIndicator: 'SPINNER',
                    },
                  },
                },
              ],
            },
          },
        ],
      },
      {
        header: 'Search',
        collapsible: true,
        uncollapsibleWidgetsCount: 1,
        widgets: [
          {
            textInput: {
              name: 'query',
              label: 'Reseller name',
              hintText: 'At least 3 characters',
              autoCompleteAction: { function: 'suggestResellers' },
            },
          },
          {
            selectionInput: {
              name: 'region',
              label: 'Region',
              type: 'RADIO_BUTTON',
              items: [
                { text: 'Europe', value: 'eu', selected: true },
                { text: 'Americas', value: 'us', selected: false },
              ],
            },
          },
          { divider: {} },
        ],
      },
    ],
    fixedFooter: {
      primaryButton: { text: 'Save', type: 'FILLED', onClick: { action: { function: 'onSave' } } },
      secondaryButton: { text: 'Help', onClick: { openLink: { url: 'https://example.com/help' } } },
    },
  };

  it('produces google.apps.card.v1 JSON', () => {
    const card = buildRealisticCard();
    expect(builtKind(card)).toBe('card');
    expect(toCardJson(card)).toEqual(expectedJson);
    expect(JSON.parse(card.printJson())).toEqual(expectedJson);
  });

  it('passes validateCard and validateResponse', () => {
    const json = toCardJson(buildRealisticCard());
    expect(validateCard(json)).toEqual([]);
    expect(validateResponse(json)).toEqual([]);
  });

  it('hands out copies, so the runtime cannot alter a built card', () => {
    const card = buildRealisticCard();
    (toCardJson(card) as { name: string }).name = 'changed';
    expect(toCardJson(card)).toEqual(expectedJson);
  });
});

describe('CardService fake: builder semantics', () => {
  it('returns the builder from every setter', () => {
    const button = CardService.newTextButton();
    expect(button.setText('a')).toBe(button);
    expect(button.setDisabled(true)).toBe(button);
    const section = CardService.newCardSection();
    expect(section.setHeader('h')).toBe(section);
  });

  it('adds widgets by copy: later changes to the builder are not reflected', () => {
    const paragraph = CardService.newTextParagraph().setText('before');
    const section = CardService.newCardSection().addWidget(paragraph);
    paragraph.setText('after');
    const button = CardService.newTextButton().setText('Go').setOnClickAction(action('go'));
    const buttonSet = CardService.newButtonSet().addButton(button);
    button.setText('Changed');
    section.addWidget(buttonSet);
    const builder = CardService.newCardBuilder().addSection(section);
    section.addWidget(CardService.newDivider());

    const json = toCardJson(builder.build()) as { sections: { widgets: unknown[] }[] };
    expect(json.sections).toHaveLength(1);
    expect(json.sections[0]?.widgets).toEqual([
      { textParagraph: { text: 'before' } },
      { buttonList: { buttons: [{ text: 'Go', onClick: { action: { function: 'go' } } }] } },
    ]);
  });

  it('copies an action when it is set, too', () => {
    const onClick = action('first');
    const button = CardService.newTextButton().setText('Go').setOnClickAction(onClick);
    onClick.setFunctionName('second');
    const card = CardService.newCardBuilder()
      .addSection(CardService.newCardSection().addWidget(CardService.newButtonSet().addButton(button)))
      .build();
    expect(JSON.stringify(toCardJson(card))).toContain('"function":"first"');
  });

  it('emits a single OnClick member: the last setter wins', () => {
    const button = CardService.newTextButton()
      .setText('Go')
      .setOnClickAction(action('go'))
      .setOpenLink(
        CardService.newOpenLink().setUrl('https://example.com').setOnClose(CardService.OnClose.RELOAD),
      );
    const card = CardService.newCardBuilder()
      .addSection(CardService.newCardSection().addWidget(button))
      .build();
    const json = toCardJson(card);
    expect(json).toEqual({
      sections: [
        {
          widgets: [
            {
              buttonList: {
                buttons: [
                  { text: 'Go', onClick: { openLink: { url: 'https://example.com', onClose: 'RELOAD' } } },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(validateCard(json)).toEqual([]);
  });

  it('exposes enums as their names', () => {
    expect(CardService.LoadIndicator.SPINNER).toBe('SPINNER');
    expect(CardService.SelectionInputType.MULTI_SELECT).toBe('MULTI_SELECT');
    expect(CardService.TextButtonStyle.OUTLINED).toBe('OUTLINED');
  });

  it('emits valid JSON for the other widgets it implements', () => {
    const section = CardService.newCardSection()
      .addWidget(
        CardService.newDecoratedText()
          .setText('Notify me')
          .setSwitchControl(
            CardService.newSwitch()
              .setFieldName('notify')
              .setValue('on')
              .setSelected(true)
              .setControlType(CardService.SwitchControlType.CHECK_BOX)
              .setOnChangeAction(action('onToggle')),
          ),
      )
      .addWidget(
        CardService.newImageButton()
          .setIcon(CardService.Icon.EMAIL)
          .setAltText('Email')
          .setOnClickOpenLinkAction(action('mailLink')),
      )
      .addWidget(
        CardService.newTextInput()
          .setFieldName('note')
          .setMultiline(true)
          .setSuggestions(CardService.newSuggestions().addSuggestion('a').addSuggestions(['b', 'c']))
          .setValidation(
            CardService.newValidation().setCharacterLimit(100).setInputType(CardService.InputType.TEXT),
          ),
      )
      .addWidget(CardService.newImage().setImageUrl('https://example.com/a.png').setAltText('A'))
      .addWidget(CardService.newDatePicker().setFieldName('day').setValueInMsSinceEpoch(1_700_000_000_000))
      .addWidget(CardService.newTimePicker().setFieldName('at').setHours(12).setMinutes(30))
      .addWidget(
        CardService.newGrid()
          .setTitle('Grid')
          .setNumColumns(2)
          .setBorderStyle(
            CardService.newBorderStyle().setType(CardService.BorderType.STROKE).setStrokeColor('#0b57d0'),
          )
          .addItem(
            CardService.newGridItem()
              .setIdentifier('one')
              .setTitle('One')
              .setLayout(CardService.GridItemLayout.TEXT_BELOW)
              .setImage(
                CardService.newImageComponent()
                  .setImageUrl('https://example.com/1.png')
                  .setCropStyle(
                    CardService.newImageCropStyle().setImageCropType(CardService.ImageCropType.SQUARE),
                  ),
              ),
          )
          .setOnClickAction(action('onGrid')),
      )
      .addWidget(
        CardService.newTextButton()
          .setText('Colour')
          .setBackgroundColor('#fff')
          .setOpenLink(CardService.newOpenLink().setUrl('https://example.com')),
      );
    const card = CardService.newCardBuilder()
      .addSection(section)
      .addCardAction(CardService.newCardAction().setText('Help').setOnClickAction(action('help')))
      .setDisplayStyle(CardService.DisplayStyle.REPLACE)
      .build();
    const json = toCardJson(card);
    expect(validateCard(json)).toEqual([]);
    const text = JSON.stringify(json);
    expect(text).toContain('"valueMsEpoch":"1700000000000"');
    expect(text).toContain('"valueMsEpoch":"45000000"');
    expect(text).toContain('"color":{"red":1,"green":1,"blue":1}');
    expect(text).toContain('"type":"MULTIPLE_LINE"');
  });
});

describe('CardService fake: required fields and argument checks', () => {
  it('rejects non-string parameters', () => {
    const parameters = { id: 42 } as unknown as { [key: string]: string };
    expect(() => CardService.newAction().setParameters(parameters)).toThrow(
      'Both keys and values must be strings',
    );
  });

  it('rejects an action without a function name at build time', () => {
    const button = CardService.newTextButton().setText('Go').setOnClickAction(CardService.newAction());
    const builder = CardService.newCardBuilder().addSection(CardService.newCardSection().addWidget(button));
    expect(() => builder.build()).toThrow(
      /sections\[0\]\.widgets\[0\]\.buttonList\.buttons\[0\]\.onClick\.action: an action needs a function name/,
    );
  });

  it('rejects a section without widgets', () => {
    const builder = CardService.newCardBuilder().addSection(CardService.newCardSection().setHeader('Empty'));
    expect(() => builder.build()).toThrow(/sections\[0\]: a section needs at least one widget/);
  });

  it('rejects a card without sections', () => {
    const builder = CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('T'));
    expect(() => builder.build()).toThrow(/a card needs at least one section/);
  });

  it('rejects a button without an onClick, a text input without a field name, a selection input without a type', () => {
    const section = CardService.newCardSection()
      .addWidget(CardService.newTextButton().setText('Nothing'))
      .addWidget(CardService.newTextInput().setTitle('No name'))
      .addWidget(CardService.newSelectionInput().setFieldName('kind'));
    const builder = CardService.newCardBuilder().addSection(section);
    expect(() => builder.build()).toThrow(
      /widgets\[0\]\.buttonList\.buttons\[0\]: a button needs an onClick/,
    );
    expect(() => builder.build()).toThrow(/widgets\[1\]\.textInput: a text input needs a field name/);
    expect(() => builder.build()).toThrow(/widgets\[2\]\.selectionInput: a selection input needs a type/);
  });

  it('caps a card at 100 sections like the real service', () => {
    const builder = CardService.newCardBuilder();
    for (let index = 0; index < 100; index += 1) builder.addSection(oneWidgetSection());
    expect(() => builder.addSection(oneWidgetSection())).toThrow(
      "You can't add more than 100 sections to a card",
    );
  });

  it('rejects a notification without text', () => {
    const builder = CardService.newActionResponseBuilder().setNotification(CardService.newNotification());
    expect(() => builder.build()).toThrow(/a notification needs text/);
  });

  it('rejects wrongly typed arguments and values from other enums', () => {
    const loadIndicator = 'FAST' as unknown as GoogleAppsScript.Card_Service.LoadIndicator;
    expect(() => CardService.newAction().setLoadIndicator(loadIndicator)).toThrow(
      /CardService\.LoadIndicator/,
    );
    const notAWidget = CardService.newAction() as unknown as GoogleAppsScript.Card_Service.Widget;
    expect(() => CardService.newCardSection().addWidget(notAWidget)).toThrow(
      /expected a widget, got an Action/,
    );
  });

  it('throws for methods the fake does not implement', () => {
    expect(() => CardService.newKeyValue()).toThrow(
      'CardService fake: CardService.newKeyValue is not implemented',
    );
    expect(() =>
      CardService.newTextButton().setComposeAction(action('x'), CardService.ComposedEmailType.REPLY_AS_DRAFT),
    ).toThrow('CardService fake: TextButton.setComposeAction is not implemented');
  });
});

describe('CardService fake: the fixed footer rule', () => {
  type Style = GoogleAppsScript.Card_Service.TextButtonStyle;

  function button(text: string, style?: Style): GoogleAppsScript.Card_Service.TextButton {
    const built = CardService.newTextButton()
      .setText(text)
      .setOnClickAction(action(`on${text}`));
    return style === undefined ? built : built.setTextButtonStyle(style);
  }

  function cardWith(
    footer: GoogleAppsScript.Card_Service.FixedFooter,
  ): GoogleAppsScript.Card_Service.CardBuilder {
    return CardService.newCardBuilder().addSection(oneWidgetSection()).setFixedFooter(footer);
  }

  const { FILLED, OUTLINED, TEXT, FILLED_TONAL, BORDERLESS } = CardService.TextButtonStyle;

  it('accepts a FILLED primary with an OUTLINED or unstyled secondary', () => {
    for (const secondary of [OUTLINED, undefined]) {
      const footer = CardService.newFixedFooter()
        .setPrimaryButton(button('Share', FILLED))
        .setSecondaryButton(button('Back', secondary));
      const json = toCardJson(cardWith(footer).build());
      expect(validateCard(json)).toEqual([]);
      expect(json).toMatchObject({
        fixedFooter: { primaryButton: { type: 'FILLED' }, secondaryButton: { text: 'Back' } },
      });
    }
  });

  it('rejects a primary button that is not FILLED, naming the rule and the style it got', () => {
    const cases: [Style | undefined, string][] = [
      [OUTLINED, 'got OUTLINED'],
      [undefined, 'got no TextButtonStyle, which is OUTLINED'],
      [TEXT, 'got BORDERLESS (TextButtonStyle.BORDERLESS or TEXT)'],
      [BORDERLESS, 'got BORDERLESS'],
      [FILLED_TONAL, 'got FILLED_TONAL'],
    ];
    for (const [style, got] of cases) {
      const builder = cardWith(CardService.newFixedFooter().setPrimaryButton(button('Back', style)));
      expect(() => builder.build()).toThrow(
        'CardService fake: CardBuilder.build: invalid card:\n  fixedFooter.primaryButton: the primary button ' +
          'of a fixed footer must be a TextButtonStyle.FILLED button',
      );
      expect(() => builder.build()).toThrow(got);
    }
  });

  it('a background colour does not make a primary button FILLED', () => {
    const primary = button('Back', OUTLINED).setBackgroundColor('#1a73e8');
    const builder = cardWith(CardService.newFixedFooter().setPrimaryButton(primary));
    expect(() => builder.build()).toThrow(
      /primary button of a fixed footer must be a TextButtonStyle\.FILLED/,
    );
  });

  it('rejects a secondary button that is not OUTLINED', () => {
    for (const [style, got] of [
      [FILLED, 'got FILLED'],
      [FILLED_TONAL, 'got FILLED_TONAL'],
      [TEXT, 'got BORDERLESS'],
    ] as const) {
      const footer = CardService.newFixedFooter()
        .setPrimaryButton(button('Share', FILLED))
        .setSecondaryButton(button('Cancel', style));
      const builder = cardWith(footer);
      expect(() => builder.build()).toThrow(
        /fixedFooter\.secondaryButton: the secondary button of a fixed footer must be a TextButtonStyle\.OUTLINED button/,
      );
      expect(() => builder.build()).toThrow(got);
    }
  });

  it('reports every footer problem at once', () => {
    const footer = CardService.newFixedFooter()
      .setPrimaryButton(button('Back', OUTLINED))
      .setSecondaryButton(button('Share', FILLED));
    expect(() => cardWith(footer).build()).toThrow(
      /primaryButton: the primary button[^\n]*got OUTLINED\n {2}fixedFooter\.secondaryButton: the secondary button[^\n]*got FILLED/,
    );
  });

  it('ignores a secondary button set before the primary, as the real service does, and says so', () => {
    const secondaryOnly = CardService.newFixedFooter().setSecondaryButton(button('Back', OUTLINED));
    expect(() => cardWith(secondaryOnly).build()).toThrow(
      /fixedFooter: a fixed footer needs a primary button[\s\S]*setSecondaryButton was called before setPrimaryButton/,
    );
    const secondaryFirst = CardService.newFixedFooter()
      .setSecondaryButton(button('Back', OUTLINED))
      .setPrimaryButton(button('Share', FILLED));
    expect(() => cardWith(secondaryFirst).build()).toThrow(
      /does nothing if setPrimaryButton\(button\) isn't called": the real card has no secondary button/,
    );
    // Set again once the primary is there, the secondary counts.
    secondaryFirst.setSecondaryButton(button('Back', OUTLINED));
    const json = toCardJson(cardWith(secondaryFirst).build()) as { fixedFooter: unknown };
    expect(json.fixedFooter).toMatchObject({ secondaryButton: { text: 'Back', type: 'OUTLINED' } });
  });

  it('applies the same rule to card JSON in validateCard and validateResponse', () => {
    const onClick = { action: { function: 'onX' } };
    const card = (fixedFooter: unknown): unknown => ({
      sections: [{ widgets: [{ textParagraph: { text: 'Hi' } }] }],
      fixedFooter,
    });
    expect(
      validateCard(
        card({
          primaryButton: { text: 'A', type: 'FILLED', onClick },
          secondaryButton: { text: 'B', onClick },
        }),
      ),
    ).toEqual([]);
    expect(validateCard(card({ primaryButton: { text: 'A', type: 'OUTLINED', onClick } }))).toEqual([
      'fixedFooter.primaryButton: the primary button of a fixed footer must be a TextButtonStyle.FILLED button ' +
        '(TextButton.setTextButtonStyle(CardService.TextButtonStyle.FILLED)), got OUTLINED',
    ]);
    expect(validateCard(card({ secondaryButton: { text: 'B', type: 'OUTLINED', onClick } }))).toEqual([
      'fixedFooter.secondaryButton: a fixed footer with a secondary button needs a primary button ' +
        '(FixedFooter.setSecondaryButton does nothing unless setPrimaryButton is called)',
    ]);
    const response = {
      action: {
        navigations: [
          {
            pushCard: card({
              primaryButton: { text: 'A', type: 'FILLED', onClick },
              secondaryButton: { text: 'B', type: 'BORDERLESS', onClick },
            }),
          },
        ],
      },
    };
    expect(validateResponse(response)).toEqual([
      'action.navigations[0].pushCard.fixedFooter.secondaryButton: the secondary button of a fixed footer must ' +
        'be a TextButtonStyle.OUTLINED button (TextButton.setTextButtonStyle(CardService.TextButtonStyle.OUTLINED)), ' +
        'got BORDERLESS (TextButtonStyle.BORDERLESS or TEXT)',
    ]);
  });
});

describe('toCardJson', () => {
  it('detects a missing .build()', () => {
    const builder = CardService.newCardBuilder().addSection(oneWidgetSection());
    expect(() => toCardJson(builder)).toThrow(
      /got a CardBuilder instead of a built Card.*did you forget to call \.build\(\)/,
    );
    expect(() => toCardJson([simpleCard('a'), builder])).toThrow(/element \[1\].*CardBuilder/);
    expect(() => toCardJson(CardService.newActionResponseBuilder())).toThrow(/ActionResponseBuilder/);
    expect(() => toCardJson({ sections: [] })).toThrow(/expected a built Card or ActionResponse/);
  });

  it('accepts an array of cards, as a homepage trigger may return', () => {
    const json = toCardJson([simpleCard('a'), simpleCard('b')]);
    expect(json).toHaveLength(2);
    expect(validateResponse(json)).toEqual([]);
  });
});

describe('validateCard', () => {
  it('reports unknown fields, wrong enum values, wrong scalar types and two oneof members', () => {
    const problems = validateCard({
      header: { title: 'T', image_url: 'https://example.com/a.png' },
      sections: [
        {
          widgets: [
            { textParagraph: { text: 'x' }, divider: {} },
            {
              buttonList: {
                buttons: [{ text: 'Go', onClick: { action: { function: 42, loadIndicator: 'FAST' } } }],
              },
            },
            { textInput: { name: 'q', type: 'SINGLE' } },
            { selectionInput: { name: 's', items: { text: 'a' } } },
            { frobnicator: {} },
          ],
        },
      ],
      collapsible: 'yes',
    });
    expect(problems).toEqual([
      'header.image_url: unknown field of CardHeader (the JSON name is "imageUrl")',
      'sections[0].widgets[0]: at most one of textParagraph, image, decoratedText, buttonList, textInput, ' +
        'selectionInput, dateTimePicker, divider, grid, columns, carousel, chipList may be set (oneof data), ' +
        'got textParagraph and divider',
      'sections[0].widgets[1].buttonList.buttons[0].onClick.action.function: expected string, got number 42',
      'sections[0].widgets[1].buttonList.buttons[0].onClick.action.loadIndicator: expected one of SPINNER, NONE ' +
        '(LoadIndicator), got string "FAST"',
      'sections[0].widgets[2].textInput.type: expected one of SINGLE_LINE, MULTIPLE_LINE (Type), got string "SINGLE"',
      'sections[0].widgets[3].selectionInput.items: expected an array (repeated SelectionItem), got an object',
      'sections[0].widgets[4].frobnicator: unknown field of Widget',
      'collapsible: unknown field of Card',
    ]);
  });

  it('rejects numeric enums, nulls and a non-object card', () => {
    expect(validateCard({ displayStyle: 1, name: null })).toEqual([
      'displayStyle: expected one of DISPLAY_STYLE_UNSPECIFIED, PEEK, REPLACE (DisplayStyle), got number 1',
      'name: expected string, got null',
    ]);
    expect(validateCard('card')).toEqual(['(root): expected an object (Card), got string "card"']);
  });

  it('accepts google.type.Color with its FloatValue alpha and int64 as string or number', () => {
    const color = { red: 0.5, green: 0, blue: 1, alpha: 0.5 };
    const button = { text: 'a', color, onClick: { openLink: { url: 'https://example.com' } } };
    const picker = (value: unknown): unknown => ({ dateTimePicker: { name: 'd', valueMsEpoch: value } });
    expect(
      validateCard({
        sections: [{ widgets: [{ buttonList: { buttons: [button] } }, picker('12'), picker(12)] }],
      }),
    ).toEqual([]);
    expect(validateCard({ sections: [{ widgets: [picker('soon')] }] })).toEqual([
      'sections[0].widgets[0].dateTimePicker.valueMsEpoch: expected int64, got string "soon"',
    ]);
  });
});

describe('validateResponse', () => {
  it('accepts an ActionResponse with pushCard and a notification', () => {
    const response = CardService.newActionResponseBuilder()
      .setNavigation(CardService.newNavigation().pushCard(simpleCard('detail')))
      .setNotification(CardService.newNotification().setText('Saved'))
      .setStateChanged(true)
      .build();
    expect(builtKind(response)).toBe('actionResponse');
    const json = toCardJson(response);
    expect(json).toEqual({
      action: {
        navigations: [{ pushCard: toCardJson(simpleCard('detail')) }],
        notification: { text: 'Saved' },
      },
      stateChanged: true,
    });
    expect(validateResponse(json)).toEqual([]);
  });

  it('keeps navigation order and accepts every operation', () => {
    const navigation = CardService.newNavigation()
      .popToRoot()
      .popCard()
      .popToNamedCard('home')
      .updateCard(simpleCard('home'));
    const json = toCardJson(CardService.newActionResponseBuilder().setNavigation(navigation).build());
    expect(json).toEqual({
      action: {
        navigations: [
          { popToRoot: true },
          { popCard: true },
          { popToCard: 'home' },
          { updateCard: toCardJson(simpleCard('home')) },
        ],
      },
    });
    expect(validateResponse(json)).toEqual([]);
  });

  it('accepts a SuggestionsResponse', () => {
    const response = CardService.newSuggestionsResponseBuilder()
      .setSuggestions(CardService.newSuggestions().addSuggestions(['Acme', 'Acme EU']))
      .build();
    const json = toCardJson(response);
    expect(json).toEqual({ suggestions: { items: [{ text: 'Acme' }, { text: 'Acme EU' }] } });
    expect(validateResponse(json)).toEqual([]);
  });

  it('accepts a UniversalActionResponse', () => {
    const cards = CardService.newUniversalActionResponseBuilder()
      .displayAddOnCards([simpleCard('a')])
      .build();
    expect(validateResponse(toCardJson(cards))).toEqual([]);
    const link = CardService.newUniversalActionResponseBuilder()
      .setOpenLink(
        CardService.newOpenLink().setUrl('https://example.com').setOpenAs(CardService.OpenAs.OVERLAY),
      )
      .build();
    expect(toCardJson(link)).toEqual({ action: { link: { url: 'https://example.com', openAs: 'OVERLAY' } } });
    expect(validateResponse(toCardJson(link))).toEqual([]);
  });

  it('reports problems in the envelope and in the cards inside it', () => {
    expect(
      validateResponse({
        action: {
          navigations: [
            { pushCard: { sections: [{ widgets: [{ textParagraph: { txt: 'x' } }] }] } },
            { popCard: 1 },
          ],
          notification: {},
          redirect: 'x',
        },
        stateChanged: 'yes',
      }),
    ).toEqual([
      'stateChanged: expected bool, got string "yes"',
      'action.redirect: unknown field (expected navigations, notification, link)',
      'action.navigations[0].pushCard.sections[0].widgets[0].textParagraph.txt: unknown field of TextParagraph',
      'action.navigations[1].popCard: expected true, got number 1',
      'action.notification.text: expected a non-empty string, got undefined',
    ]);
    expect(validateResponse({ suggestions: { items: [{ text: 1 }, 'b'] } })).toEqual([
      'suggestions.items[0].text: expected string, got number 1',
      'suggestions.items[1]: expected an object, got string "b"',
    ]);
  });
});
