// Profile exporters: one writer per format behind exportProfile. Writers stream through TextWriter,
// so a profile of a million samples never becomes one string; a failed export leaves no half file.

import { ThermographError } from '../../../src-shared/api/errors';
import { exportFormats, type ExportFormat } from '../../../src-shared/profile/formats';
import type { Profile } from '../../../src-shared/profile/profile';
import type { Bytes } from '../../../src-shared/units';
import { checkCpuProfileExport, writeCpuProfile } from './cpuprofile';
import { writeFolded } from './folded';
import { writePprof } from './pprof';
import { writeSpeedscope } from './speedscope';
import { TextWriter } from './text-writer';

const writers: Record<ExportFormat, (profile: Profile, writer: TextWriter) => Promise<void>> = {
  speedscope: writeSpeedscope,
  folded: writeFolded,
  pprof: writePprof,
  cpuprofile: writeCpuProfile,
};

/**
 * Writes the profile to `path` in `format`. Throws ThermographError: 'invalid-argument' for a
 * format the profile cannot take (a .cpuprofile of an allocation profile), or a file-system code.
 */
export async function exportProfile(profile: Profile, format: ExportFormat, path: string): Promise<{ bytes: Bytes }> {
  const write = writers[format];
  if (!Object.hasOwn(writers, format)) {
    throw new ThermographError(
      'invalid-argument',
      `Thermograph cannot write "${String(format)}" files. Choose one of: ${exportFormats.join(', ')}.`,
    );
  }
  // Checked before the file is created, so a refused export touches nothing.
  if (format === 'cpuprofile') checkCpuProfileExport(profile);
  const writer = new TextWriter(path);
  try {
    await write(profile, writer);
    return { bytes: await writer.close() };
  } catch (error) {
    await writer.abandon();
    throw error;
  }
}
