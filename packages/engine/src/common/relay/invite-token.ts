import { RelayError } from './relay-error.ts';

/**
 * The token of an invite, from what a person pastes: the invite link the relay made
 * (`https://relay.example.com/invite/<token>`), the link with a query or fragment after it, or the
 * bare token. Throws a RelayError (code `bad_invite`) for anything else.
 */
export function inviteToken(pasted: string): string {
  const text = pasted.trim();
  const fromLink = /\/invite\/([A-Za-z0-9_-]+)(?:[?#].*)?$/.exec(text);
  const token = fromLink ? fromLink[1] : text;
  if (!token || !/^[A-Za-z0-9_-]{16,200}$/.test(token))
    throw new RelayError(0, 'bad_invite', 'That is not an invite link or token. Paste the whole link.');
  return token;
}
