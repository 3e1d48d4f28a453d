import { Secret, TOTP } from 'otpauth';
import { int } from '../db/db.ts';
import { HttpError, conflict } from '../http/http-error.ts';
import type { RelayContext } from '../relay-context.ts';
import type { UserRow } from './users.ts';
import { userById } from './users.ts';

const PERIOD = 30;
const DIGITS = 6;
/** Codes from one step before or after now are accepted (clock drift, slow typing). */
const WINDOW = 1;

export const totpRequired = () =>
  new HttpError(
    401,
    'totp_required',
    'This account uses two-factor authentication; send the current code as `totp`.',
  );
export const totpInvalid = () =>
  new HttpError(401, 'totp_invalid', 'The two-factor code is wrong or was already used.');

function totpFor(secret: string, label = 'Facet'): TOTP {
  return new TOTP({
    issuer: 'Facet',
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s) as a second factor. A code is accepted once: the step it
 * belongs to is recorded in `users.totp_last_step`, and a conditional update refuses that step or an
 * earlier one, so a code seen over someone's shoulder cannot be replayed within its window.
 */
export class TotpService {
  constructor(private readonly ctx: RelayContext) {}

  /** Starts enrolment: a new secret, stored but not yet enabled until a code proves the app has it. */
  async enroll(userId: string): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await userById(this.ctx.db, userId);
    if (!user) throw new HttpError(404, 'not_found', 'No such user.');
    if (int(user.totp_enabled) === 1)
      throw conflict('Two-factor authentication is already on; disable it first.');
    const secret = new Secret({ size: 20 }).base32;
    await this.ctx.db.run(
      'UPDATE users SET totp_secret = ?, totp_last_step = NULL WHERE id = ? AND totp_enabled = 0',
      [secret, userId],
    );
    return { secret, otpauthUrl: totpFor(secret, user.email).toString() };
  }

  /** Finishes enrolment with a code from the authenticator app. */
  async enable(userId: string, code: string): Promise<void> {
    const user = await userById(this.ctx.db, userId);
    if (!user?.totp_secret) throw conflict('Start two-factor enrolment first (POST /api/auth/totp/enroll).');
    if (int(user.totp_enabled) === 1) throw conflict('Two-factor authentication is already on.');
    if (!(await this.accept(user, code))) throw totpInvalid();
    await this.ctx.db.run('UPDATE users SET totp_enabled = 1 WHERE id = ?', [userId]);
  }

  /** Turns the second factor off; needs a current code, so a stolen access token alone cannot. */
  async disable(userId: string, code: string): Promise<void> {
    const user = await userById(this.ctx.db, userId);
    if (!user || int(user.totp_enabled) !== 1) throw conflict('Two-factor authentication is not on.');
    if (!(await this.accept(user, code))) throw totpInvalid();
    await this.ctx.db.run(
      'UPDATE users SET totp_enabled = 0, totp_secret = NULL, totp_last_step = NULL WHERE id = ?',
      [userId],
    );
  }

  /** Checks a sign-in's code for a user with TOTP on; throws 401 totp_required / totp_invalid. */
  async checkLogin(user: UserRow, code: string | undefined): Promise<void> {
    if (int(user.totp_enabled) !== 1) return;
    if (code === undefined || code === '') throw totpRequired();
    if (!(await this.accept(user, code))) throw totpInvalid();
  }

  /** Validates `code` and claims its time step; false when wrong or already used. */
  private async accept(user: UserRow, code: string): Promise<boolean> {
    if (!user.totp_secret || !/^\d{6}$/.test(code.trim())) return false;
    const timestamp = this.ctx.now();
    const delta = totpFor(user.totp_secret).validate({ token: code.trim(), timestamp, window: WINDOW });
    if (delta === null) return false;
    const step = Math.floor(timestamp / 1000 / PERIOD) + delta;
    const claimed = await this.ctx.db.run(
      'UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)',
      [step, user.id, step],
    );
    return claimed === 1;
  }
}
