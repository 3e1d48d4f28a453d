import { z } from 'zod';
import { ROLES } from './roles.ts';

/**
 * Input and response schemas of the documents API. Inputs are strict about shape and size; names may
 * hold any printable Unicode but no control characters or lone surrogates (Postgres refuses NUL, a lone
 * surrogate cannot be stored as UTF-8, and a newline in a name breaks every list that shows it).
 */
export const NAME_MAX = 200;

export const nameSchema = z
  .string()
  .trim()
  .min(1, 'A name is required.')
  .max(NAME_MAX, `A name is at most ${NAME_MAX} characters.`)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'A name cannot contain control characters or broken Unicode.');

export const emailSchema = z.email('Not a valid email address.').max(320);

export const roleSchema = z.enum(ROLES);

export const userSummary = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const docView = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** Milliseconds since the epoch. */
  createdAt: z.number(),
  updatedAt: z.number(),
  owner: userSummary,
});
export type DocView = z.infer<typeof docView>;

export const memberView = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  addedBy: z.string().nullable(),
  addedAt: z.number(),
});
export type MemberView = z.infer<typeof memberView>;

export const inviteView = z.object({
  id: z.string(),
  role: roleSchema,
  email: z.string().nullable(),
  expiresAt: z.number(),
  createdBy: z.string(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
  uses: z.number(),
});

export const createdInvite = z.object({
  id: z.string(),
  url: z.string(),
  token: z.string(),
  role: roleSchema,
  email: z.string().nullable(),
  expiresAt: z.number(),
});

export const teamRoleSchema = z.enum(['owner', 'member']);

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  role: teamRoleSchema,
  createdAt: z.number(),
  members: z.array(
    z.object({ userId: z.string(), name: z.string(), email: z.string(), role: teamRoleSchema }),
  ),
});
export type TeamView = z.infer<typeof teamView>;

export const docTeamView = z.object({ teamId: z.string(), name: z.string(), role: roleSchema });

export const activityItem = z.object({
  id: z.number(),
  kind: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.number(),
});
