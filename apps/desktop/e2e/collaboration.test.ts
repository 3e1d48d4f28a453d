/**
 * Live collaboration end to end: a real relay process, two web-mode servers (two projects, two
 * people) and two Chromium pages. A signs up and shares a canvas with a SQL block and makes an invite
 * link; B signs up, joins with it and sees the block; B's note reaches A; A sees B's avatar and
 * cursor and follows B's view; B loses the relay, edits offline (the badge counts the changes), and once the relay is back
 * the edit reaches A.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebMode, type WebMode } from '../src/web/web-mode.ts';
import { buildRenderer, haveChromium, launchChromium } from './browser.ts';
import { type RelayProcess, startRelayProcess, startTcpLink, type TcpLink } from './relay-link.ts';

const SHOTS = process.env.FACET_COLLAB_SHOTS ?? path.join(os.tmpdir(), 'scratch-collab');
const PASSWORD = 'correct horse battery staple';

describe.skipIf(!haveChromium)('live collaboration in Chromium', () => {
  let relay: RelayProcess;
  let link: TcpLink;
  let work: string;
  let webA: WebMode;
  let webB: WebMode;
  let browser: Browser;
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    const rendererDir = buildRenderer();
    relay = await startRelayProcess();
    // B reaches the relay through a link the test can cut; A connects directly.
    link = await startTcpLink(relay.port);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-collab-'));
    fs.mkdirSync(SHOTS, { recursive: true });
    const start = (name: string) =>
      startWebMode({
        rendererDir,
        project: path.join(work, name, `${name}.facet`),
        projectsRoot: path.join(work, name, 'projects'),
      });
    [webA, webB] = await Promise.all([start('Alpha'), start('Beta')]);
    const projectA = webA.host.current();
    projectA.records.completeStep('welcome');
    projectA.canvases
      .doc(projectA.canvases.list()[0]!.id)
      .add('sql', { name: 'answer', sql: 'SELECT 42 AS answer', x: 0, y: 0 });
    webB.host.current().records.completeStep('welcome');
    browser = await launchChromium();
    [a, b] = await Promise.all([open(webA), open(webB)]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([webA?.close(), webB?.close()]);
    await link?.close();
    await relay?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  async function open(web: WebMode): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    // The page's errors in the test output: a sync failure shows there first.
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`[${web === webA ? 'A' : 'B'}] ${m.text()}`);
    });
    await page.goto(web.url);
    await page.getByRole('dialog', { name: 'Tour' }).getByRole('button', { name: 'Skip' }).click();
    return page;
  }

  /** Opens Share → Collaborate and creates an account on the relay at `url`. */
  async function signUp(page: Page, url: string, name: string, email: string, weakFirst = false) {
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Share' });
    // Not signed in yet: Share opens on the PDF report, which works without a relay.
    await dialog.getByRole('tab', { name: 'Collaborate' }).click();
    await dialog.getByLabel('Relay address').fill(url);
    await dialog.getByRole('button', { name: 'No account? Create one' }).click();
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByLabel('Email').fill(email);
    const password = dialog.locator('input[type=password]');
    if (weakFirst) {
      await password.fill('abc12');
      await dialog.getByRole('button', { name: 'Create account' }).click();
      await dialog
        .getByRole('alert')
        .getByText(/The password is too short/)
        .waitFor();
      await page.screenshot({ path: path.join(SHOTS, 'a-weak-password.png') });
    }
    await password.fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByText(`as ${name} (${email})`).waitFor();
    return dialog;
  }

  const badge = (page: Page) => page.getByRole('status', { name: /^Collaboration:/ });

  it('shares a canvas, joins it with an invite link, and syncs edits, presence and offline changes', async () => {
    // A: sign up (a weak password is refused first, plainly), share the canvas, make an invite link.
    const shareA = await signUp(a, relay.url, 'Ada Lovelace', 'ada@example.com', true);
    await shareA.getByRole('button', { name: 'Share this canvas' }).click();
    await shareA.getByText('This canvas is shared').waitFor();
    await expect.poll(() => badge(a).textContent(), { timeout: 15_000 }).toBe('Live · only you');
    await shareA.getByRole('button', { name: 'Create link' }).click();
    const invite = await shareA.getByLabel('Invite link to send').inputValue();
    expect(invite).toMatch(new RegExp(`^${relay.url}/invite/[\\w-]{43}$`));
    await shareA.getByRole('table', { name: 'Members' }).getByText('Ada Lovelace').waitFor();
    await a.screenshot({ path: path.join(SHOTS, 'a-share-dialog.png') });
    await a.keyboard.press('Escape');

    // B: sign up through the link, join with the token alone, and get the SQL block.
    const shareB = await signUp(b, link.url, 'Bea Jones', 'bea@example.com');
    await shareB.getByRole('textbox', { name: 'Join a shared canvas' }).fill(invite.split('/invite/')[1]!);
    await shareB.getByRole('button', { name: 'Join' }).click();
    await b.getByText('SELECT 42 AS answer').waitFor({ timeout: 20_000 });
    await expect.poll(() => badge(b).textContent(), { timeout: 15_000 }).toBe('Live · 2 people');
    // The relay's content went on to B's local log, through the renderer's replica.
    const projectB = webB.host.current();
    const joined = projectB.canvases.list().find((c) => c.name === 'Canvas 1 (2)');
    expect(joined).toBeDefined();
    await expect
      .poll(
        () =>
          projectB.canvases
            .doc(joined!.id)
            .blocks()
            .map((x) => x.type),
        { timeout: 10_000 },
      )
      .toContain('sql');

    // B writes a note; A sees it, and sees B's avatar and cursor.
    await b.getByRole('button', { name: 'New note' }).click();
    await b.keyboard.type('Hello from Bea');
    await a.getByText('Hello from Bea').waitFor({ timeout: 15_000 });
    await a.getByRole('button', { name: 'Follow Bea Jones' }).waitFor();
    expect(await badge(a).textContent()).toBe('Live · 2 people');
    const pane = b.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    await b.mouse.move(box.x + 200, box.y + 300);
    await b.mouse.move(box.x + 420, box.y + 260, { steps: 8 });
    await a.locator('.facet-peer-cursor[data-peer="Bea Jones"]').waitFor({ timeout: 10_000 });
    await a.getByRole('button', { name: 'Follow Bea Jones' }).hover();
    // B's focus is still in the note: A's tooltip names it, and A sees it outlined in B's colour.
    await a.getByText('Bea Jones · editing Hello from Bea · click to follow').waitFor();
    await a.locator('[data-peer-selection="Bea Jones"]').waitFor();
    await a.screenshot({ path: path.join(SHOTS, 'a-live.png') });
    await b.screenshot({ path: path.join(SHOTS, 'b-live.png') });

    // A follows B: B zooms, A's view goes along; A's own scroll ends following.
    await a.getByRole('button', { name: 'Follow Bea Jones' }).click();
    const viewA = () => a.locator('.react-flow__viewport').getAttribute('style');
    const before = await viewA();
    await b.mouse.wheel(0, 600);
    await expect.poll(viewA, { timeout: 10_000 }).not.toBe(before);
    const paneA = (await a.locator('.react-flow__pane').boundingBox())!;
    await a.mouse.move(paneA.x + 300, paneA.y + 300);
    await a.mouse.wheel(0, -200);
    await a.getByRole('button', { name: 'Follow Bea Jones', pressed: false }).waitFor();

    // B loses the relay and edits offline: the change is kept locally and counted.
    link.cut();
    await expect.poll(() => badge(b).textContent(), { timeout: 15_000 }).toMatch(/^Offline/);
    await b.getByRole('button', { name: 'New note' }).click();
    await b.keyboard.type('Written offline');
    await expect
      .poll(() => badge(b).textContent(), { timeout: 10_000 })
      .toMatch(/^Offline · \d+ changes? waiting$/);
    await b.screenshot({ path: path.join(SHOTS, 'b-offline.png') });
    const local = () =>
      projectB.canvases
        .doc(joined!.id)
        .blocks()
        .some((x) => x.type === 'text' && x.text.includes('Written offline'));
    await expect.poll(local, { timeout: 10_000 }).toBe(true);
    expect(await a.getByText('Written offline').count()).toBe(0);

    // The relay is back: B reconnects on its own and the offline edit reaches A.
    link.heal();
    await a.getByText('Written offline').waitFor({ timeout: 20_000 });
    await expect.poll(() => badge(b).textContent(), { timeout: 15_000 }).toBe('Live · 2 people');
    await a.screenshot({ path: path.join(SHOTS, 'a-merged.png') });
  }, 240_000);
});
