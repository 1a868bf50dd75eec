import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The platform's user-data folder for Thermograph. It matches Electron's app.getPath('userData')
 * for an app named "Thermograph", so the desktop app and the CLI share one database.
 */
export function userDataFolder(environment: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(environment.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Thermograph');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Thermograph');
  return join(environment.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Thermograph');
}

/** The database path: an explicit --db flag first, then THERMOGRAPH_DB, then the user-data folder. */
export function resolveDatabasePath(flag: string | undefined, environment: NodeJS.ProcessEnv = process.env): string {
  return flag || environment.THERMOGRAPH_DB || join(userDataFolder(environment), 'thermograph.db');
}
