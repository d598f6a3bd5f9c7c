/**
 * Fetches a file a chat platform holds (a Slack url_private, a Teams downloadUrl) without reading past the upload
 * limit: refused on a Content-Length over it, and cut off when the body grows past it whatever the header said.
 * Redirects are refused, so a credential sent with the request never follows to another host.
 */
export type Fetched =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'too_large'; readonly size: number }
  | { readonly kind: 'failed'; readonly why: string };

export async function fetchLimited(url: URL, headers: Record<string, string>, maxBytes: number): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    return { kind: 'failed', why: `the file could not be fetched (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!res.ok || !res.body) return { kind: 'failed', why: `the file host answered ${res.status}` };
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (announced > maxBytes) {
    await res.body.cancel();
    return { kind: 'too_large', size: announced };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > maxBytes) return { kind: 'too_large', size };
    chunks.push(chunk);
  }
  return { kind: 'bytes', bytes: Buffer.concat(chunks) };
}
