/**
 * Security restrictions on every web contents the app creates: no new windows (web links go to the
 * user's browser), no navigation away from the app's renderer, no <webview>, no permissions beyond
 * writing text to the clipboard. The windows themselves are created with context isolation, the
 * sandbox and no Node integration (see app-window.ts).
 */
import { shell, type App, type Session, type WebContents } from 'electron';
import { externalUrl, mayHavePermission, mayNavigate } from './url-policy.ts';

export function restrictWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => restrict(contents));
}

function restrict(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (mayNavigate(event.url)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(mayHavePermission(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    mayHavePermission(permission, requestingOrigin),
  );
}

function openOutside(url: string): void {
  const external = externalUrl(url);
  if (external) shell.openExternal(external).catch(() => undefined);
}
