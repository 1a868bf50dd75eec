// What a `perf script` frame text (`sym[+off] (dso)`) means: its function, kind and module. Kept
// apart from the parser, which calls it once per distinct frame text.

import type { FrameInput } from '../../src-shared/profile/profile';

// Names perf gives JIT code from a perf-PID.map: V8 prefixes ("JS:*name file:1:2", older
// "LazyCompile:~name file:1") and CPython's trampoline ("py::name:/path/file.py").
const javascriptPrefixes = /^(?:JS|LazyCompile|Function|Script|Eval|InterpretedFunction|Baseline|Maglev):[*~^+]?/;

/** What one `sym[+off] (dso)` frame text means; pure, exported for tests. */
export function perfFrame(text: string): FrameInput {
  let symbol = text;
  let dso: string | null = null;
  const open = text.lastIndexOf(' (');
  if (open >= 0 && text.endsWith(')')) {
    symbol = text.slice(0, open);
    dso = text.slice(open + 2, -1);
  }
  const offset = /\+0x[0-9a-f]+$/.exec(symbol);
  if (offset) symbol = symbol.slice(0, offset.index);
  if (dso === 'inlined') dso = null;
  if (symbol.startsWith('py::')) {
    const separator = symbol.indexOf(':', 4);
    const name = separator > 0 ? symbol.slice(4, separator) : symbol.slice(4);
    return { name, kind: 'python', file: separator > 0 ? symbol.slice(separator + 1) : null };
  }
  if (symbol === '[unknown]' || symbol === '') {
    const name = dso && dso !== '[unknown]' ? dso.slice(dso.lastIndexOf('/') + 1) : '[unknown]';
    return { name, kind: dso?.startsWith('[kernel') ? 'kernel' : 'native', module: dso };
  }
  if (dso?.startsWith('[kernel') || dso?.endsWith('.ko')) return { name: symbol, kind: 'kernel', module: dso };
  // JIT names come from a perf-PID.map; without a dso field, V8's prefixes still say so.
  if (dso ? /\/perf-\d+\.map$/.test(dso) : javascriptPrefixes.test(symbol)) return javascriptFrame(symbol);
  return { name: symbol, kind: 'native', module: dso };
}

function javascriptFrame(symbol: string): FrameInput {
  const prefix = javascriptPrefixes.exec(symbol);
  if (!prefix) return { name: symbol, kind: symbol.startsWith('Builtin:') ? 'native' : 'js', module: 'V8' };
  const rest = symbol.slice(prefix[0].length);
  // "name file:line:column" (the name may be empty for anonymous functions).
  const location = /^(.*?) ?(\S*?)(?::(\d+))?(?::(\d+))?$/.exec(rest);
  const name = location?.[1] || (location?.[2] ? '(anonymous)' : rest) || '(anonymous)';
  return {
    name,
    kind: 'js',
    file: location?.[2] || null,
    line: location?.[3] ? Number(location[3]) : null,
    column: location?.[4] ? Number(location[4]) : null,
  };
}
