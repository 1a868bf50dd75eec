// The flame graphs' colour mode (by function, module or file), one choice for every graph in the
// window, remembered in localStorage so it is the user's preference rather than a session's.
// Storage may be missing or refuse (an exported report opened from disk): the choice then lasts
// until the page closes.

import { isFlameColorMode, type FlameColorMode } from './flame-colors';

const storageKey = 'thermograph.flame.colorMode';

function load(): FlameColorMode {
  try {
    const saved = globalThis.localStorage?.getItem(storageKey);
    return isFlameColorMode(saved) ? saved : 'name';
  } catch {
    return 'name';
  }
}

/** The shared colour mode; setting it redraws every flame graph and remembers the choice. */
class FlameColorSetting {
  #mode = $state<FlameColorMode>(load());

  get mode(): FlameColorMode {
    return this.#mode;
  }

  set mode(value: FlameColorMode) {
    this.#mode = value;
    try {
      globalThis.localStorage?.setItem(storageKey, value);
    } catch {
      // Not remembered; the choice still applies to this page.
    }
  }
}

/** The one colour-mode setting of this window. */
export const flameColorSetting = new FlameColorSetting();
