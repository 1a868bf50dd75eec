// Finds the report viewer's built files. `npm run build` writes them to out/report beside
// out/main (where this code runs from), in a packaged app inside app.asar the same way.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtFolder } from '../app-root';
import { ThermographError } from '../../src-shared/api/errors';
import type { ReportAssets } from './report-html';

let cached: ReportAssets | null = null;

/** The viewer's script and style, read once. */
export function loadReportAssets(folder = builtFolder('report')): ReportAssets {
  if (cached) return cached;
  try {
    cached = {
      script: readFileSync(join(folder, 'report.js'), 'utf8'),
      style: readFileSync(join(folder, 'report.css'), 'utf8'),
    };
    return cached;
  } catch (error) {
    throw new ThermographError(
      'unavailable',
      `The report viewer is missing from this build (${(error as Error).message}). Run npm run build and try again.`,
    );
  }
}
