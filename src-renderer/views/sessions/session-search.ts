// Filters the session list by what a person remembers: name, target, tags, or how it ended.

import type { SessionSummary } from '../../../src-shared/model/session';
import { endLabel, targetLabel } from '../../../src-shared/format/session-labels';

/** True when every search term occurs in the session's name, target, tags or end. */
export function sessionMatches(session: SessionSummary, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const text = [
    session.name,
    targetLabel(session.target),
    endLabel(session),
    ...session.tags,
    session.baseline ? 'baseline' : '',
    `#${session.id}`,
  ]
    .join('\n')
    .toLowerCase();
  return terms.every((term) => text.includes(term));
}
