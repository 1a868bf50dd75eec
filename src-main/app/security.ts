// The desktop window's security settings in one place: the page's Content-Security-Policy, the
// rule that only our own renderer may call the API, and the denial of navigation, new windows,
// permissions and <webview>. Follows Electron's security checklist.

import { fileURLToPath } from 'node:url';
import { shell, type Session, type WebContents, type WebFrameMain } from 'electron';
import { contentSecurityPolicy } from '../server/security';
import { rendererIndexPath } from './paths';

/** The renderer's policy: browser mode's, but the API travels over IPC, so it connects to nothing. */
export const rendererPolicy = contentSecurityPolicy("'self'");

/** True when a URL is our own renderer page (any query or hash), the only page trusted with the API. */
export function isRendererUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' && fileURLToPath(parsed) === rendererIndexPath;
  } catch {
    return false;
  }
}

/** True when an IPC message comes from the top frame of our own renderer page. */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && frame.parent === null && isRendererUrl(frame.url);
}

/** Opens a link in the user's browser, only for http(s): never file:, javascript:, smb: or custom schemes. */
export function openExternalSafely(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return;
  }
  if (protocol === 'http:' || protocol === 'https:') void shell.openExternal(url);
}

/** Adds the CSP to every response of a session and denies every permission request and check. */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [rendererPolicy] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, decide) => decide(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Denies navigation, redirects, new windows and <webview> for one WebContents; links go to the browser. */
export function secureWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}
