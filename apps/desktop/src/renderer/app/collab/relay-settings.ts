/**
 * Where collaboration keeps its state: in the project's settings (HostApi `settings`), so it
 * travels with the project on every platform.
 *
 *   relay.url               the relay last used (default for the share dialog)
 *   relay.session           {refreshToken, user, url}: stays signed in across runs (to that relay)
 *   relay.link.<canvasId>   {docId, role, url}: this canvas is shared as that relay document
 *
 * The refresh token sits in the project's settings like any other value. On desktop it should move
 * to the OS keychain (Electron safeStorage); the browser app has no better place than its storage.
 * Values read back are checked: a malformed setting counts as absent rather than breaking the app.
 */
import { RELAY_ROLES, type RelayRole, type RelaySession } from '@facet/engine/common';
import type { HostApi } from '../../../shared/host-api.ts';

export const RELAY_URL_KEY = 'relay.url';
export const RELAY_SESSION_KEY = 'relay.session';
export const linkKey = (canvasId: string): string => `relay.link.${canvasId}`;

/** A canvas shared through a relay: the relay document it syncs with and our role on it. */
export interface CanvasLink {
  docId: string;
  role: RelayRole;
  /** The relay it lives on. */
  url: string;
}

/** A saved session and the relay it belongs to. */
export interface SavedSession extends RelaySession {
  url: string;
}

export interface RelaySettings {
  url?: string;
  session?: SavedSession;
  link?: CanvasLink;
}

export async function readRelaySettings(api: HostApi, canvasId: string): Promise<RelaySettings> {
  const all = await api.settings.get();
  const url = typeof all[RELAY_URL_KEY] === 'string' ? all[RELAY_URL_KEY] : undefined;
  return { url, session: asSession(all[RELAY_SESSION_KEY]), link: asLink(all[linkKey(canvasId)]) };
}

/** The saved session, read fresh (another window of the project may have rotated it). */
export async function readSession(api: HostApi): Promise<SavedSession | undefined> {
  return asSession((await api.settings.get())[RELAY_SESSION_KEY]);
}

/** Saves a session, or forgets it (`undefined`: signed out). */
export function saveSession(api: HostApi, session: SavedSession | undefined): Promise<void> {
  return api.settings.set(RELAY_SESSION_KEY, session ?? null);
}

export function saveLink(api: HostApi, canvasId: string, link: CanvasLink | undefined): Promise<void> {
  return api.settings.set(linkKey(canvasId), link ?? null);
}

function asSession(value: unknown): SavedSession | undefined {
  if (!isRecord(value) || typeof value.refreshToken !== 'string' || !isRecord(value.user)) return undefined;
  if (typeof value.url !== 'string') return undefined;
  const { id, email, name, totpEnabled } = value.user;
  if (typeof id !== 'string' || typeof email !== 'string' || typeof name !== 'string') return undefined;
  const user = { id, email, name, totpEnabled: totpEnabled === true };
  return { refreshToken: value.refreshToken, user, url: value.url };
}

function asLink(value: unknown): CanvasLink | undefined {
  if (!isRecord(value) || typeof value.docId !== 'string' || typeof value.url !== 'string') return undefined;
  const role = RELAY_ROLES.find((r) => r === value.role);
  return role ? { docId: value.docId, role, url: value.url } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
