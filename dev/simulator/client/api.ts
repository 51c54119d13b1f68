/// <reference lib="dom" />
/** What every part of the simulator page uses: the server's JSON endpoints and required elements. */

/** A JSON request to the simulator's server; an answer that is not 2xx throws its `error` text. */
export async function api<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(data.error ?? `${response.status} ${response.statusText}`);
  return data;
}

/** An element the page must have; a missing one is a bug in index.html, said plainly. */
export const $ = <T extends HTMLElement>(selector: string): T => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`The page has no ${selector}`);
  return element;
};
