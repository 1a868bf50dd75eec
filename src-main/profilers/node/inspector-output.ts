// What Node prints on stderr because Thermograph opened its inspector. Those lines are ours, not the
// program's, so a launched command's captured output leaves them out.

const inspectorLines = [
  /^Debugger listening on ws:\/\/127\.0\.0\.1:\d+\/[\w-]+\r?\n/gm,
  // Node ≤ 22 links its inspector docs; Node 24 its debugging guide.
  /^For help, see: https:\/\/nodejs\.org\/(en\/docs\/inspector|learn\/getting-started\/debugging)\r?\n/gm,
  /^Debugger attached\.\r?\n/gm,
  /^Waiting for the debugger to disconnect\.\.\.\r?\n/gm,
  /^Debugger ending on ws:\/\/127\.0\.0\.1:\d+\/[\w-]+\r?\n/gm,
];

/** The stderr text without the inspector's own messages (whole lines only). */
export function withoutInspectorMessages(text: string): string {
  let kept = text;
  for (const line of inspectorLines) kept = kept.replace(line, '');
  return kept;
}
