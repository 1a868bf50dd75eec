// Maps uids to user names by parsing /etc/passwd once (getent would mean spawning a process).
// Users only known to NSS (LDAP, systemd-homed) show as their numeric uid.
import { readFileSync } from 'node:fs';

let names: Map<number, string> | null = null;

/** Parses passwd(5) text into uid → name. */
export function parsePasswd(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    const uid = Number(fields[2]);
    if (fields.length >= 3 && fields[0] && Number.isInteger(uid) && !map.has(uid)) map.set(uid, fields[0]);
  }
  return map;
}

/** The user name of a uid, or the uid as text when it has no name. */
export function userName(uid: number): string {
  if (names === null) {
    try {
      names = parsePasswd(readFileSync('/etc/passwd', 'utf8'));
    } catch {
      names = new Map();
    }
  }
  return names.get(uid) ?? String(uid);
}

/** The name of the user Thermograph runs as. */
export function currentUserName(): string {
  return userName(process.geteuid?.() ?? -1);
}
