// Debian's Chromium and the launch flags that work on this machine kind (see TOOLCHAIN.md): the
// end-to-end suite and the timeline benchmark launch the same browser the same way.

/** The Chromium binary; THERMOGRAPH_CHROMIUM overrides /usr/bin/chromium. */
export const chromiumPath = process.env.THERMOGRAPH_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, no sandbox (root), no GPU, and no background traffic to a network that is closed. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
