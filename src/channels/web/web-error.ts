/** A refusal with its HTTP status and a message safe to show the user. */
export class WebError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'WebError';
  }
}
