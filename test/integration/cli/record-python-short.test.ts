// `thermograph record` of a Python program that runs for 0.3 s: py-spy must attach before it ends.
// Apart from the other Python tests (record-python.test.ts) because it measures how soon the
// profiler starts, which a loaded machine delays: it runs with the measuring files, alone.

import { describe, expect, it } from 'vitest';
import { pythonHot } from '../profilers/perf-targets';
import { useCliDatabase } from './cli-harness';
import {
  hotFunction,
  missing,
  pySpyNeed,
  python,
  pythonNeed,
  recordPython,
  topPythonFunction,
} from './python-recording';

const harness = useCliDatabase(90_000);
const absent = missing({ ...pySpyNeed, ...pythonNeed('3.12.1') });

describe.skipIf(absent !== '')(`record a short Python program with py-spy${absent}`, () => {
  it('attaches in time to see a program that runs for 0.3 s', () => {
    const session = recordPython(harness, ['--', python('3.12.1'), pythonHot, '0.3']);
    expect(session.profiler).toMatchObject({ profiler: 'py-spy', state: 'done' });
    expect(topPythonFunction(harness, session.id)).toEqual(hotFunction);
  });
});
