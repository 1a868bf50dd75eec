// A column of VirtualTable: its sort key, header text and width.

/** One column; `width` is a CSS length, and a column without one takes the remaining width. */
export interface TableColumn<Key extends string> {
  key: Key;
  label: string;
  numeric: boolean;
  /** A tooltip that says what the column measures. */
  title?: string;
  width?: string;
}
