// The API client of an exported report (report-transport.ts answers its calls).

import type { TimelineView } from '../../src-shared/timeline/view';
import type { ApiClient } from '../api/client';
import { ConnectionState } from '../api/connection.svelte';
import { deriveApi } from '../api/transport';
import { reportTransport } from './report-transport';

/** The client of a report's timeline: always "connected", since nothing is. */
export function reportClient(timeline: TimelineView | null): ApiClient {
  const transport = reportTransport(timeline);
  const connection = new ConnectionState();
  connection.update('open');
  return { api: deriveApi(transport), on: transport.on, connection };
}
