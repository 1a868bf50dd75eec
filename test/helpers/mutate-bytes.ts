// Seeded mutations of a file's bytes for fuzz tests: flipped bytes, truncation, duplicated and
// deleted spans, hostile number tokens, swapped JSON values and inserted structure characters.

/** Tokens a mutation puts in place of a number, or inserts anywhere. */
const tokens = [
  '1e309',
  '-1',
  '-1e308',
  'NaN',
  'Infinity',
  '-0',
  '9007199254740993',
  '1.5',
  '""',
  '"__proto__"',
  'null',
  '[]',
  '{}',
  '0',
  '4294967296',
  '-2147483649',
  ';',
  '\n',
  '\u0000',
  '"',
  '{',
  ']',
  ' ',
  ':',
];

/** A damaged copy of `seed`: one to three mutations chosen by `random` (a seeded PRNG). */
export function mutate(seed: Buffer, random: () => number): Buffer {
  let bytes = Buffer.from(seed);
  const steps = 1 + Math.floor(random() * 3);
  for (let step = 0; step < steps; step++) {
    const at = Math.floor(random() * bytes.length);
    const span = Math.floor(random() * Math.min(64, bytes.length - at)) + 1;
    switch (Math.floor(random() * 7)) {
      case 0:
        bytes[at] = Math.floor(random() * 256);
        break;
      case 1:
        bytes = bytes.subarray(0, at);
        break;
      case 2:
        bytes = Buffer.concat([bytes.subarray(0, at + span), bytes.subarray(at, at + span), bytes.subarray(at + span)]);
        break;
      case 3:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + span)]);
        break;
      case 4: {
        // Replace a number (JSON value, count, address) with a hostile token.
        const text = bytes.toString('latin1');
        const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
        const match = numbers[Math.floor(random() * numbers.length)];
        const token = tokens[Math.floor(random() * tokens.length)]!;
        if (match)
          bytes = Buffer.from(text.slice(0, match.index) + token + text.slice(match.index + match[0].length), 'latin1');
        break;
      }
      case 5: {
        // Swap two JSON values (or any two tokens) of the document.
        const text = bytes.toString('latin1');
        const values = [...text.matchAll(/"[^"]*"|-?\d+(?:\.\d+)?|true|false|null/g)];
        const left = values[Math.floor(random() * values.length)];
        const right = values[Math.floor(random() * values.length)];
        if (left && right && left.index < right.index && left.index + left[0].length <= right.index) {
          bytes = Buffer.from(
            text.slice(0, left.index) +
              right[0] +
              text.slice(left.index + left[0].length, right.index) +
              left[0] +
              text.slice(right.index + right[0].length),
            'latin1',
          );
        }
        break;
      }
      default: {
        const token = Buffer.from(tokens[Math.floor(random() * tokens.length)]!, 'latin1');
        bytes = Buffer.concat([bytes.subarray(0, at), token, bytes.subarray(at)]);
      }
    }
  }
  return bytes;
}
