// @vitest-environment jsdom
/**
 * The share dialog's Collaborate tab against a real relay process and a real host (project
 * settings): signed out, plain errors (bad address, weak password), signed in, shared with members,
 * invite for someone without an account, sign out, and two-factor sign-in. Written without JSX: the
 * test runner collects *.test.ts under apps/.
 */
import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Secret, TOTP } from 'otpauth';
import { createElement as h } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostApi } from '../../../shared/host-api.ts';
import { ShareDialog } from '../ShareDialog.tsx';
import { CollaborateSection } from './CollaborateSection.tsx';
import { useRelayAccount } from './use-relay-account.ts';

// What jsdom lacks and Mantine needs to mount (no layout happens here).
if (!('matchMedia' in window) || typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    value: (media: string) => ({ matches: false, media, addEventListener() {}, removeEventListener() {} }),
  });
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

interface CollabFixture {
  relayUrl: string;
  api: HostApi;
  close(): Promise<void>;
}
// Node code (the relay process, the host) loads at run time: the renderer's own code never imports it.
const FIXTURE = '../../../../test/collab-fixture.ts';
let fixture: CollabFixture;
let canvasId: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  const { startCollabFixture } = (await import(/* @vite-ignore */ FIXTURE)) as {
    startCollabFixture: () => Promise<CollabFixture>;
  };
  fixture = await startCollabFixture();
  canvasId = (await fixture.api.canvases.create('Weather')).id;
}, 60_000);
afterAll(async () => {
  await fixture?.close();
});
afterEach(cleanup);

function Harness() {
  const account = useRelayAccount(fixture.api, canvasId);
  const collaborate = h(CollaborateSection, {
    api: fixture.api,
    account,
    canvasName: 'Weather',
    onOpenCanvas: () => undefined,
  });
  return h(ShareDialog, {
    opened: true,
    onClose: () => undefined,
    makePdf: () => Promise.reject(new Error('not in this test')),
    collaborate,
  });
}

const mount = () => render(h(MantineProvider, { defaultColorScheme: 'light' }, h(Harness)));
const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const password = (value: string) =>
  fireEvent.change(document.querySelector('input[type=password]')!, { target: { value } });
const submit = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const alert = () => screen.findByRole('alert');

describe('Share → Collaborate', () => {
  it('signs up (plain errors first), shares the canvas, invites, and signs out', async () => {
    mount();
    expect(screen.getByRole('tab', { name: 'Collaborate', selected: true })).toBeDefined();
    await screen.findByRole('form', { name: 'Sign in to a relay' });
    submit('No account? Create one');
    type(/Your name/, 'Ada Lovelace');
    type(/Email/, 'ada@example.com');
    type(/Relay address/, 'relay.example.com');
    password(PASSWORD);
    submit('Create account');
    expect((await alert()).textContent).toMatch(/http\(s\):\/\/host/);

    type(/Relay address/, fixture.relayUrl + '/');
    password('abc12');
    submit('Create account');
    await waitFor(async () => expect((await alert()).textContent).toMatch(/The password is too short/));

    password(PASSWORD);
    submit('Create account');
    await screen.findByText(/as Ada Lovelace \(ada@example\.com\)/);
    const settings = await fixture.api.settings.get();
    expect(settings['relay.url']).toBe(fixture.relayUrl);
    expect(settings['relay.session']).toMatchObject({
      url: fixture.relayUrl,
      user: { name: 'Ada Lovelace' },
    });

    submit('Share this canvas');
    await screen.findByText(/This canvas is shared/);
    const members = await screen.findByRole('table', { name: 'Members' });
    await within(members).findByText('Ada Lovelace');
    expect(within(members).getByText('owner')).toBeDefined();
    const link = (await fixture.api.settings.get())[`relay.link.${canvasId}`];
    expect(link).toMatchObject({ role: 'owner', url: fixture.relayUrl });
    expect(typeof (link as { docId?: unknown }).docId).toBe('string');

    // Someone without an account gets an invite link for their email.
    fireEvent.change(screen.getByRole('textbox', { name: /Invite by email/ }), {
      target: { value: 'nobody@example.com' },
    });
    submit('Invite');
    await screen.findByText(/nobody@example.com has no account on this relay yet/);
    const invite = screen.getByLabelText<HTMLInputElement>('Invite link to send');
    expect(invite.value).toMatch(new RegExp(`^${fixture.relayUrl}/invite/`));

    submit('Sign out');
    await screen.findByRole('form', { name: 'Sign in to a relay' });
    expect((await fixture.api.settings.get())['relay.session']).toBeNull();
  });

  it('asks for the two-factor code when the account has it on', async () => {
    // Turn two-factor on for Ada through the REST API, as the account page of a relay would.
    const call = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(fixture.relayUrl + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, string>;
    };
    const { accessToken } = await call('/api/auth/login', { email: 'ada@example.com', password: PASSWORD });
    const { secret } = await call('/api/auth/totp/enroll', {}, accessToken);
    const totp = new TOTP({ secret: Secret.fromBase32(secret!), algorithm: 'SHA1', digits: 6, period: 30 });
    await call('/api/auth/totp/verify', { code: totp.generate() }, accessToken);

    mount();
    await screen.findByRole('form', { name: 'Sign in to a relay' });
    expect(screen.getByLabelText<HTMLInputElement>(/Relay address/).value).toBe(fixture.relayUrl);
    type(/Email/, 'ada@example.com');
    password(PASSWORD);
    submit('Sign in');
    expect((await alert()).textContent).toBe('Enter the 6-digit code from your authenticator app.');
    const boxes = [...screen.getByLabelText('Two-factor code').querySelectorAll('input')];
    expect(boxes).toHaveLength(6);
    // The code after the one spent on verification (the relay refuses a code used twice).
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    act(() => {
      next.split('').forEach((digit, i) => fireEvent.change(boxes[i]!, { target: { value: digit } }));
    });
    submit('Sign in');
    await screen.findByText(/as Ada Lovelace \(ada@example\.com\)/);
    // Still shared from the first test: the link was kept in the project settings.
    await screen.findByText(/This canvas is shared/);
  });
});
