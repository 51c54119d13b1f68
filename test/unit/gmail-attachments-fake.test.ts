/**
 * The Gmail fake's attachments (dev/runtime/gmail.ts) and their scope: GmailMessage.getAttachments
 * needs a scope that covers the message's content (gmail.addons.current.message.readonly), not the
 * metadata scope; the metadata getters work under either. A tiny script, not our bundle.
 */
import { AUTH } from '../../dev/runtime/authorization';
import { LocalRuntime, type Manifest } from '../../dev/runtime/runtime';

const EXECUTE = `${AUTH}gmail.addons.execute`;
const METADATA = `${AUTH}gmail.addons.current.message.metadata`;
const READONLY = `${AUTH}gmail.addons.current.message.readonly`;

const SCRIPT = `
function sender(e) {
  GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken);
  return GmailApp.getMessageById(e.gmail.messageId).getFrom();
}
function files(e) {
  GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken);
  var options = e.commonEventObject && e.commonEventObject.parameters ? JSON.parse(e.commonEventObject.parameters.options) : undefined;
  var message = GmailApp.getMessageById(e.gmail.messageId);
  return (options ? message.getAttachments(options) : message.getAttachments()).map(function (a) {
    return [a.getName(), a.getContentType(), a.getSize()];
  });
}
function content(e) {
  GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken);
  return GmailApp.getMessageById(e.gmail.messageId).getAttachments()[0].getBytes();
}
`;

const SAM = { email: 'sam@vendor.example', locale: 'en', timeZone: 'Europe/Berlin' };

function runtime(scopes: string[]): LocalRuntime {
  const manifest: Manifest = { timeZone: 'Etc/UTC', oauthScopes: scopes, addOns: { common: {} } };
  return new LocalRuntime({ bundle: { code: SCRIPT, manifest }, validateCards: false });
}

function withMail(rt: LocalRuntime): { gmail: { messageId: string; accessToken: string } } {
  const messageId = rt.host.gmail.addMessage({
    from: 'Petra <petra@partner.example>',
    to: SAM.email,
    attachments: [
      { name: 'signed.pdf', contentType: 'application/pdf', size: 12_345 },
      { name: 'logo.png', contentType: 'image/png', size: 99, inline: true },
    ],
  });
  return { gmail: { messageId, accessToken: rt.host.gmail.accessToken(messageId) } };
}

describe('GmailMessage.getAttachments in the local runtime', () => {
  it('gives each attachment’s name, type and size under the readonly scope, inline images as asked', () => {
    const rt = runtime([EXECUTE, READONLY]);
    const event = withMail(rt);
    expect(rt.run({ functionName: 'files', identity: SAM, event }).value).toEqual([
      ['signed.pdf', 'application/pdf', 12_345],
      ['logo.png', 'image/png', 99],
    ]);
    const options = { commonEventObject: { parameters: { options: '{"includeInlineImages":false}' } } };
    expect(rt.run({ functionName: 'files', identity: SAM, event: { ...event, ...options } }).value).toEqual([
      ['signed.pdf', 'application/pdf', 12_345],
    ]);
    // The metadata getters work under readonly too.
    expect(rt.run({ functionName: 'sender', identity: SAM, event }).value).toBe(
      'Petra <petra@partner.example>',
    );
  });

  it('refuses them under the metadata scope alone, as Apps Script does, while the sender still reads', () => {
    const rt = runtime([EXECUTE, METADATA]);
    const event = withMail(rt);
    expect(rt.run({ functionName: 'sender', identity: SAM, event }).value).toBe(
      'Petra <petra@partner.example>',
    );
    expect(rt.run({ functionName: 'files', identity: SAM, event }).error?.message).toMatch(
      /^You do not have permission to call GmailMessage\.getAttachments\. Required permissions: \(https:\/\/www\.googleapis\.com\/auth\/gmail\.addons\.current\.message\.readonly \|\| /,
    );
  });

  it('refuses them when the user has not granted readonly', () => {
    const rt = runtime([EXECUTE, READONLY]);
    const event = withMail(rt);
    rt.host.authorization.setCase(SAM.email, 'declined', [EXECUTE, READONLY], READONLY);
    expect(rt.run({ functionName: 'files', identity: SAM, event }).error?.message).toMatch(
      /You do not have permission to call GmailApp\.getMessageById/,
    );
  });

  it('keeps attachments across a snapshot, and implements nothing it does not model', () => {
    const rt = runtime([EXECUTE, READONLY]);
    const event = withMail(rt);
    rt.host.gmail.restore(rt.host.gmail.snapshot());
    expect(rt.run({ functionName: 'files', identity: SAM, event }).value).toHaveLength(2);
    expect(rt.run({ functionName: 'content', identity: SAM, event }).error?.message).toMatch(
      /GmailAttachment\.getBytes is not implemented by the local runtime/,
    );
  });
});
