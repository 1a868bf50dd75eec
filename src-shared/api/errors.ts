/** Every way an API call can fail, as a stable code the UI and CLI can branch on. */
export type ApiErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'process-not-found'
  | 'permission-denied'
  | 'command-not-found'
  | 'target-exited'
  | 'storage-full'
  | 'storage-read-only'
  | 'storage-error'
  | 'busy'
  | 'unavailable'
  | 'invalid-profile'
  | 'profiler-unavailable'
  | 'file-exists'
  | 'internal';

/** An error that crosses the API boundary: a code to branch on and a sentence for a person. */
export interface ApiError {
  code: ApiErrorCode;
  /** What happened and what to do about it. */
  message: string;
}

/** The value every API call resolves to; calls never reject across the boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An Error carrying an ApiErrorCode, thrown inside the engine and turned into an ApiError at the edge. */
export class ThermographError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ThermographError';
    this.code = code;
  }
}
