import { describe, expect, it } from 'vitest';
import { TrieBuilder } from '../../../src-main/analysis/call-tree';

describe('TrieBuilder', () => {
  it('finds each (parent, frame) child again, past the few it scans and in the map it builds after', () => {
    const trie = new TrieBuilder();
    const root = trie.node(-1, 7);
    const children = Array.from({ length: 20 }, (_, frame) => trie.node(root, frame));
    expect(new Set(children).size).toBe(20);
    // Asked again in another order, every child is the one made first; nothing new is created.
    for (let frame = 19; frame >= 0; frame--) expect(trie.node(root, frame)).toBe(children[frame]);
    expect(trie.node(-1, 7)).toBe(root);
    expect(trie.frame.length).toBe(21);
    // The same frame under another parent is another node.
    expect(trie.node(children[0]!, 3)).not.toBe(children[3]);
  });

  it('lays out what it holds', () => {
    const trie = new TrieBuilder();
    const main = trie.node(-1, 0);
    const work = trie.node(main, 1);
    trie.selfWeight[work] = 5;
    trie.selfSamples[work] = 1;
    const tree = trie.layOut();
    expect(tree.length).toBe(3);
    expect(tree.total[0]).toBe(5);
  });
});
