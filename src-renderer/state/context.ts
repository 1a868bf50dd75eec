// The app's shared state, handed to components through Svelte context rather than module globals,
// so every instance (and every test mount) has its own.

import { getContext, setContext } from 'svelte';
import type { AppInfo } from '../../src-shared/api/contract';
import type { ApiClient } from '../api/client';
import type { Router } from './router.svelte';
import type { SessionsState } from './sessions.svelte';
import type { SidebarState } from './sidebar.svelte';
import type { Theme } from './theme.svelte';
import type { Toasts } from './toasts.svelte';
import type { WatchAlerts } from './watch-alerts.svelte';

/** Everything a view may need from the app. */
export interface AppContext {
  client: ApiClient;
  router: Router;
  sessions: SessionsState;
  toasts: Toasts;
  /** Alerts and anomalies as they happen: toasts, desktop notifications, "Show". */
  watchAlerts: WatchAlerts;
  /** The light/dark theme and its switch. */
  theme: Theme;
  /** Whether the sidebar is folded to its icons. */
  sidebar: SidebarState;
  /** Facts about the engine; null until getAppInfo answered. */
  info: () => AppInfo | null;
  /** Opens the keyboard shortcut overlay. */
  showShortcuts: () => void;
}

const key = Symbol('thermograph-app');

/** Provides the app context to the component tree (called once by App). */
export function provideApp(context: AppContext): void {
  setContext(key, context);
}

/** The app context, in any component under App. */
export function useApp(): AppContext {
  const context = getContext<AppContext | undefined>(key);
  if (!context) throw new Error('useApp() was called outside <App>.');
  return context;
}
