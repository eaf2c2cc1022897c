import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// One keep-alive pool without a socket cap: a level of N concurrent chats really opens N streams.
const httpAgent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

export interface StreamResponse {
  status: number;
  /** The body of a non-2xx answer (first 2 KB), for the error message. */
  errorBody?: string;
}

/**
 * POSTs JSON and hands each decoded piece of a 2xx body to `onText` as it arrives (node:http: less client CPU per
 * stream than fetch, which matters when 1,000 streams share two cores with the server under test).
 */
export function postStream(
  url: URL,
  body: string,
  headers: Record<string, string>,
  onText: (text: string) => void,
  signal: AbortSignal,
): Promise<StreamResponse> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : request;
    const req = send(url, {
      method: 'POST',
      agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      signal,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const decoder = new TextDecoder();
      let errorBody = '';
      res.on('data', (chunk: Buffer) => {
        const text = decoder.decode(chunk, { stream: true });
        if (status >= 200 && status < 300) onText(text);
        else if (errorBody.length < 2048) errorBody += text;
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('the server closed the stream early')));
      res.on('end', () => {
        if (!res.complete) reject(new Error('the server closed the stream early'));
        else resolve(status >= 200 && status < 300 ? { status } : { status, errorBody });
      });
    });
    req.end(body);
  });
}
