// A chart's hover readout as data (readout-dom.ts draws it). Pure, so the unit tests of what a
// readout says run without a DOM.

/** One series' value at the hovered time. */
export interface ReadoutRow {
  color: string;
  label: string;
  value: string;
}

/** A panel's rows under its title. */
export interface ReadoutGroup {
  title: string;
  rows: ReadoutRow[];
}

/** What a readout shows: the time, then each panel's rows. */
export interface Readout {
  title: string;
  /** Sentences about what happened there (an alert fired, an anomaly), shown under the time; none when absent. */
  notes?: string[];
  groups: ReadoutGroup[];
}
