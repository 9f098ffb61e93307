// The globals Material for MkDocs' own script sets on the page (its RxJS subjects), as site/soft-navigation.js and
// app.js use them. Declared as always there: the modules check for them before use (a page without Material's script
// loads plainly). Never loaded by a browser.

interface Window {
  /** Material's location: `next(url)` opens a page of the site in place (instant navigation); app.js listens to it. */
  location$: { next(url: URL): void; subscribe(next: () => void): unknown };
  /** Material announces each new page here (and replays the last one to a late subscriber). */
  document$: { subscribe(next: () => void): unknown };
}

/** Material's storage, scoped to the site (its inline script in the head defines both; site/palette.js checks). */
declare function __md_get<T>(key: string): T | null;
declare function __md_set(key: string, value: unknown): void;
