import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../src-main/app-root';

describe('unpackedPath', () => {
  it('points an executable inside a packaged archive at its unpacked copy', () => {
    expect(unpackedPath('/opt/Thermograph/resources/app.asar/out/main/proc-pump')).toBe(
      '/opt/Thermograph/resources/app.asar.unpacked/out/main/proc-pump',
    );
  });

  it('leaves other paths alone, including names that only look alike', () => {
    expect(unpackedPath('/work/main/out/main/proc-pump')).toBe('/work/main/out/main/proc-pump');
    expect(unpackedPath('/srv/app.asarx/out/main/proc-pump')).toBe('/srv/app.asarx/out/main/proc-pump');
    expect(unpackedPath('/srv/app.asar.unpacked/out/main/proc-pump')).toBe('/srv/app.asar.unpacked/out/main/proc-pump');
  });
});
