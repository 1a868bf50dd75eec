// exportReport: writes one self-contained HTML report of a session (and of its comparison with
// another side, when asked) to a path the user chose. The report is built from the same API
// methods the UI uses; src-main/report packs and writes it.

import type { ApiImplementation } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { SessionSummary } from '../../src-shared/model/session';
import { TextWriter } from '../import/export/text-writer';
import { buildReportData, type ReportSources } from '../report/report-data';
import { loadReportAssets } from '../report/report-assets';
import { reportHtml } from '../report/report-html';
import type { SessionStore } from '../store/session-store';
import { resolveSide } from './compare-methods';
import { outputPath } from './paths';
import packageJson from '../../package.json';

/**
 * The session a side names: a session id (any ended session, imported profiles too), or the newest
 * session of a series, name or tag.
 */
export function reportedSession(store: SessionStore, side: string): SessionSummary {
  if (/^\d+$/.test(side)) {
    const session = store.getSession(Number(side));
    if (!session)
      throw new ThermographError('not-found', `Session ${side} does not exist; thermograph sessions lists the ids.`);
    return session;
  }
  return resolveSide(store, side).at(-1)!;
}

/** Creates exportReport over the other API methods. */
export function createReportMethods(
  sources: ReportSources,
  store: SessionStore,
  defaultCwd: string,
): Pick<ApiImplementation, 'exportReport'> {
  return {
    exportReport: async ({ session: side, compareWith, path, overwrite, trendMetric }) => {
      const file = outputPath(path, defaultCwd, overwrite, 'the report');
      const session = reportedSession(store, side);
      const data = await buildReportData(sources, {
        session,
        candidate: side,
        compareWith,
        generator: `Thermograph ${packageJson.version}`,
        trendMetric,
      });
      const html = reportHtml(data, loadReportAssets());
      const writer = new TextWriter(file);
      try {
        await writer.write(html);
        return { path: file, bytes: await writer.close(), sessionId: session.id };
      } catch (error) {
        await writer.abandon();
        throw error;
      }
    },
  };
}
