import { HttpError, conflict } from '../http/http-error.ts';
import type { RelayContext } from '../relay-context.ts';
import { normalizeEmail } from './passwords.ts';
import { createUser, userByEmail } from './users.ts';

/** An identity a provider vouched for. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  /** ID token claims merged with userinfo: email, email_verified, name, preferred_username, … */
  profile: Record<string, unknown>;
}

function displayName(profile: Record<string, unknown>, email: string): string {
  for (const key of ['name', 'preferred_username', 'given_name'] as const) {
    const value = profile[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 100);
  }
  return email.split('@')[0] ?? email;
}

/**
 * The user an identity signs in as: the user it is already linked to; else the user with the same
 * email, but only when the provider says the email is verified (otherwise anyone could claim any
 * address at a lax provider and take over the account); else a new user without a password.
 *
 * @returns the user's id.
 */
export async function linkIdentity(ctx: RelayContext, identity: ProviderIdentity): Promise<string> {
  const { db } = ctx;
  const linked = async () =>
    db.get<{ user_id: string }>('SELECT user_id FROM identities WHERE issuer = ? AND subject = ?', [
      identity.issuer,
      identity.subject,
    ]);
  const existing = await linked();
  if (existing) return existing.user_id;

  const rawEmail = identity.profile.email;
  const email = typeof rawEmail === 'string' ? normalizeEmail(rawEmail) : null;
  if (!email) {
    throw new HttpError(400, 'oidc_no_email', 'The sign-in provider did not share a valid email address.');
  }
  const verified = identity.profile.email_verified === true || identity.profile.email_verified === 'true';
  let userId: string;
  const byEmail = await userByEmail(db, email);
  if (byEmail) {
    if (!verified) {
      throw conflict(
        'An account with this email already exists, and the provider has not verified the address. ' +
          'Sign in with your password instead.',
      );
    }
    userId = byEmail.id;
  } else {
    userId = (
      await createUser(
        db,
        { email, name: displayName(identity.profile, email), passwordHash: null },
        ctx.now(),
      )
    ).id;
  }
  // Two callbacks for the same identity at once: the first link wins and both sign in as its user.
  await db.run(
    'INSERT INTO identities (issuer, subject, user_id) VALUES (?, ?, ?) ON CONFLICT (issuer, subject) DO NOTHING',
    [identity.issuer, identity.subject, userId],
  );
  const winner = await linked();
  if (!winner) throw new Error('identity link vanished');
  ctx.log.info({ userId: winner.user_id, issuer: identity.issuer }, 'identity linked');
  return winner.user_id;
}
