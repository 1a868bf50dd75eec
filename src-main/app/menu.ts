// A minimal application menu: what a desktop user expects to find, nothing that opens web content.

import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/** Installs the menu; DevTools appear only in development builds. */
export function installApplicationMenu(development: boolean): void {
  const view: MenuItemConstructorOptions[] = [{ role: 'reload' }];
  if (development) view.push({ role: 'toggleDevTools' });
  view.push(
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  );
  app.setAboutPanelOptions({
    applicationName: 'Thermograph',
    applicationVersion: app.getVersion(),
    copyright: 'MIT License',
  });
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [{ role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: view },
    { label: 'Help', submenu: [{ role: 'about' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
