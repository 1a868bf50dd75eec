// CDP call frames into the builder's frames: one classification (kind, file path, npm package) per
// function, however many call-tree nodes share it.

import type { ProfileBuilder } from '../../src-shared/profile/builder';
import { shortenedName } from '../../src-shared/profile/frame-name';
import { noString, type FrameKind, type IndexIntoStringTable } from '../../src-shared/profile/profile';
import { fileURLToPath } from 'node:url';
import type { CdpCallFrame } from './cpuprofile';

/**
 * Frame indexes by call frame. A big profile has hundreds of thousands of nodes but a few thousand
 * functions: each is classified (URL parsing, package lookup) and interned once. A function is its
 * script and position, plus its name for built-ins, which have no position.
 */
export class FrameCache {
  private readonly byScript = new Map<string, Map<number, { name: string; frame: number }>>();
  private readonly byKey = new Map<string, number>();
  private readonly locations = new Map<string, { file: IndexIntoStringTable; module: IndexIntoStringTable }>();

  constructor(private readonly builder: ProfileBuilder) {}

  /** The frame index of a call frame, or -1 for '(root)'. */
  of(callFrame: CdpCallFrame): number {
    // Keys are shortened as the builder shortens names: a Map hashes a longer string by its length alone.
    // Nested maps with a numeric position key: no string is built per node, which at 700,000
    // nodes costs more than everything else here.
    const script = shortenedName(
      (callFrame.scriptId !== undefined && callFrame.scriptId !== '0' ? callFrame.scriptId : callFrame.url) ?? '',
    );
    let positions = this.byScript.get(script);
    if (!positions) this.byScript.set(script, (positions = new Map()));
    // Kept within V8's small integers (< 2^30), which a Map hashes fastest; larger positions take
    // the exact key below.
    const line = (callFrame.lineNumber ?? -1) + 1;
    const column = (callFrame.columnNumber ?? -1) + 1;
    const position = line < 16_384 && column < 65_536 ? line * 65_536 + column : -1;
    const found = position >= 0 ? positions.get(position) : undefined;
    if (found !== undefined && found.name === shortenedName(callFrame.functionName)) return found.frame;
    if (found === undefined && position >= 0) {
      // The first frame at this position: nothing can be under the exact key yet, and a repeat
      // finds it here, so it needs no key.
      const frame = this.classify(callFrame);
      positions.set(position, { name: shortenedName(callFrame.functionName), frame });
      return frame;
    }
    // Another name at the same position (built-ins share -1:-1): the slower exact key.
    const key = `${script}\u0000${line}\u0000${column}\u0000${shortenedName(callFrame.functionName)}`;
    let frame = this.byKey.get(key);
    if (frame === undefined) {
      frame = this.classify(callFrame);
      this.byKey.set(key, frame);
    }
    return frame;
  }

  // '(root)' is the tree's anchor, not code that ran, so it gets no frame (-1).
  private classify(callFrame: CdpCallFrame): number {
    const name = callFrame.functionName;
    if (name === '(root)') return -1;
    const url = typeof callFrame.url === 'string' ? callFrame.url : '';
    const kind = specialKinds.get(name) ?? (url === '' ? 'native' : 'js');
    // The name first, then the file and package: the order frame() interns them in.
    const nameIndex = this.builder.string(name === '' ? '(anonymous)' : name);
    const { file, module } = this.location(url);
    const line = oneBased(callFrame.lineNumber);
    return this.builder.internedFrame(nameIndex, file, line, oneBased(callFrame.columnNumber), module, kind);
  }

  // A URL's file path and package, interned once per URL.
  private location(url: string): { file: IndexIntoStringTable; module: IndexIntoStringTable } {
    const key = shortenedName(url);
    let location = this.locations.get(key);
    if (!location) {
      const path = url === '' ? '' : filePath(url);
      const module = moduleOf(url);
      location = {
        file: path ? this.builder.string(path) : noString,
        module: module ? this.builder.string(module) : noString,
      };
      this.locations.set(key, location);
    }
    return location;
  }
}

const specialKinds = new Map<string, FrameKind>([
  ['(program)', 'program'],
  ['(idle)', 'idle'],
  ['(garbage collector)', 'gc'],
]);

function oneBased(position: number | undefined): number {
  return typeof position === 'number' && position >= 0 ? position + 1 : 0;
}

function filePath(url: string): string {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

// The npm package (the last node_modules segment, scoped or not), or "node" for built-in modules.
function moduleOf(url: string): string | null {
  if (url.startsWith('node:')) return 'node';
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return match ? match[1]! : null;
}
