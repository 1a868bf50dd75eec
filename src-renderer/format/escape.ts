// Names from profiled programs (process names, command lines, output) are data, never markup.
// Svelte escapes text on its own; this is for the few places that must build an HTML string,
// such as ECharts tooltips.

const replacements: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text so it is shown literally inside HTML text or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => replacements[character]!);
}
