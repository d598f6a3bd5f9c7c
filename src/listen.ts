/**
 * Listening on HOST:PORT, or failing with one sentence that says why. Express 5's app.listen hands a listen error
 * to its callback as if it were success, so a taken port looked like a server that was up; here every error
 * rejects, and the common ones are named.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

/** The server could not listen; `message` is the line an operator reads. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(message: string, readonly code: string | undefined, options?: ErrorOptions) {
    super(message, options);
  }
}

export function listen(handler: RequestListener, port: number, host: string): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => reject(listenError(err, port, host));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve(server);
    });
  });
}

function listenError(err: Error, port: number, host: string): ListenError {
  const code = 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  switch (code) {
    case 'EADDRINUSE':
      return new ListenError(`port ${port} on ${host} is already in use; stop what holds it, or set PORT to a free port`, code, { cause: err });
    case 'EACCES':
      return new ListenError(`not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges); set PORT to 1024 or above`, code, { cause: err });
    case 'EADDRNOTAVAIL':
      return new ListenError(`HOST ${host} is not an address of this machine; set HOST to one of its addresses, or 127.0.0.1`, code, { cause: err });
    default:
      return new ListenError(`cannot listen on ${host}:${port}: ${err.message}`, code, { cause: err });
  }
}
