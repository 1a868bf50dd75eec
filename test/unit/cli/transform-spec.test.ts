import { describe, expect, it } from 'vitest';
import { parseTransformSpec } from '../../../src-main/cli/export-transforms';

describe('--transform specs', () => {
  it('reads each form, with NAME@FILE for functions but never for modules', () => {
    expect(parseTransformSpec('merge:slice')).toMatchObject({ type: 'merge-function', name: 'slice', file: null });
    expect(parseTransformSpec('focus:Module._load@loader.js')).toMatchObject({
      type: 'focus-function',
      name: 'Module._load',
      file: 'loader.js',
    });
    expect(parseTransformSpec('collapse-module:@scope/pkg')).toMatchObject({
      type: 'collapse-module',
      name: '@scope/pkg',
      file: null,
    });
    expect(parseTransformSpec('collapse-recursion:walk')).toMatchObject({ type: 'collapse-recursion', name: 'walk' });
    expect(parseTransformSpec('drop-internal')).toMatchObject({ type: 'drop-internal', name: null });
    // A name starting with "@" is a name, not a file filter.
    expect(parseTransformSpec('merge:@anonymous')).toMatchObject({ name: '@anonymous', file: null });
  });

  it('says what is wrong with a spec it cannot read', () => {
    expect(parseTransformSpec('hide:x')).toContain('is not one of merge:NAME');
    expect(parseTransformSpec('merge:')).toContain('needs a name');
    expect(parseTransformSpec('drop-internal:x')).toContain('takes no name');
  });
});
