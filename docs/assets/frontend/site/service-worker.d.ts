// Only in tsconfig.sw.json: the service worker's global scope (site/sw.template.js). lib.webworker types `self` as a
// plain WorkerGlobalScope, which has no service-worker members, and a classic script cannot declare `self` anew: the
// members sw.template.js uses are added to WorkerGlobalScope in this program, where the one scope is a service
// worker's.

interface WorkerGlobalScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: Clients;
  skipWaiting(): Promise<void>;
  addEventListener<K extends keyof ServiceWorkerGlobalScopeEventMap>(type: K,
    listener: (this: WorkerGlobalScope, ev: ServiceWorkerGlobalScopeEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions): void;
}

// site_build/finish_site.py writes it when it makes sw.js: the paths installed up front.
declare const __PRECACHE__: string[];
// ... and the whole site's files, kept once the runtime is cached: URLs relative to the site root.
declare const __SITE_FILES__: { pages: string[]; assets: string[]; runtime: string[] };
