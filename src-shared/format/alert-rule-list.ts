// Alert rules typed in one field of the app ("cpu>90%:10s, rss>1.5GB" or one per line) and back: the
// New Recording form and the session's Alerts control share it. The engine parses each rule
// (src-main/analysis/watch/alert-rule-parser.ts) and says how to write one it cannot read.

/** The rules' texts in a field: separated by commas or new lines, blanks ignored. */
export function splitAlertRules(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '');
}

/** The rules' texts as the field shows them. */
export function joinAlertRules(rules: readonly { text: string }[]): string {
  return rules.map((rule) => rule.text).join(', ');
}
