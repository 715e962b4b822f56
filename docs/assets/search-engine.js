// Pagefind over the archive's whole index, its shards (pagefind/shards.json, scripts/searchindex.py) searched side
// by side: assets/search.js asks `open` for an engine, and this file, started as a web worker, is each worker.
// The shards are shared out in consecutive runs among up to MAX_WORKERS workers, one per bundle however many
// cores there are (a Pagefind merging a second bundle asks for it only once its WebAssembly is in: two more round
// trips before a first answer). Each runs Pagefind over its run; the answers are merged as Pagefind merges shards.
// One bundle, or no module workers: Pagefind in the page. Pagefind's own worker script is never loaded. README.md,
// "Figures", has the measurements.

const MAX_WORKERS = 4;
const START_MS = 10_000; // a worker that has not opened its shards by then is given up, and the page searches

// ---- In the page ----

// The engine over the index in pagefind/ under `root` (the site's address) and its `shards` (the folders
// pagefind/shards.json lists): { search(term, options), filters() }, answering as Pagefind's own merge of them (a
// result has its score and data(), not Pagefind's other fields). `settings`: Pagefind's options (baseUrl,
// excerptLength); `workers`: how many workers at most.
export async function open(root, shards, settings, workers = MAX_WORKERS) {
  const pagefind = new URL("pagefind/", root).href;
  const bundles = [pagefind, ...shards.map((shard) => new URL(shard, pagefind).href)];
  const count = Math.min(bundles.length, workers);
  if (count > 1 && typeof Worker !== "undefined") {
    try {
      return await inWorkers(runs(bundles, count), pagefind, settings);
    } catch (error) {
      console.warn("Search: the shards could not be opened in workers, searching in the page instead.", error);
    }
  }
  return inPage(bundles, pagefind, settings);
}

// `items` cut into `count` consecutive runs of nearly equal length (as parallel.even_runs does in the build).
function runs(items, count) {
  return Array.from({ length: count }, (_, n) =>
    items.slice(Math.floor((items.length * n) / count), Math.floor((items.length * (n + 1)) / count)),
  );
}

// Pagefind itself in the page (not in its own worker), merging every shard.
function inPage(bundles, pagefind, settings) {
  return openBundles(bundles, pagefind, { ...settings, noWorker: true });
}

// A worker for each share of the bundles; a worker that fails to start or open its share fails them all (the caller
// then searches in the page).
async function inWorkers(shares, pagefind, settings) {
  const workers = shares.map(() => new Worker(import.meta.url, { type: "module" }));
  const pending = new Map(); // message number -> { resolve, reject }
  let sent = 0;
  const ask = (worker, message) =>
    new Promise((resolve, reject) => {
      const id = ++sent;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  let failed = null;
  for (const worker of workers) {
    worker.addEventListener("message", ({ data }) => {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      if (data.error === undefined) waiting?.resolve(data.answer);
      else waiting?.reject(new Error(data.error));
    });
    worker.addEventListener("error", (event) => {
      failed = new Error(event.message || "search worker failed");
      for (const { reject } of pending.values()) reject(failed);
      pending.clear();
    });
  }
  let timer;
  try {
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("search workers too slow to start")), START_MS);
    });
    const opening = workers.map((worker, n) => ask(worker, { open: shares[n], pagefind, settings }));
    await Promise.race([late, Promise.all(opening)]);
  } catch (error) {
    for (const worker of workers) worker.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  let searches = 0;
  return {
    async search(term, options) {
      if (failed) throw failed;
      const search = ++searches;
      const answers = await Promise.all(workers.map((worker) => ask(worker, { search, term, options })));
      const results = answers.flatMap((answer, n) =>
        answer.results.map((score, rank) => ({ score, data: () => ask(workers[n], { data: search, rank }) })),
      );
      // Pagefind's merge: one shard's results after another's (each worker's, in its shards' order), then a stable
      // sort by score.
      results.sort((a, b) => b.score - a.score);
      return {
        results,
        filters: mergeFilters(answers.map((answer) => answer.filters)),
        totalFilters: mergeFilters(answers.map((answer) => answer.totalFilters)),
        unfilteredResultCount: answers.reduce((sum, answer) => sum + answer.unfilteredResultCount, 0),
      };
    },
    async filters() {
      return mergeFilters(await Promise.all(workers.map((worker) => ask(worker, { filters: true }))));
    },
  };
}

// Filter counts of several shards added up, as Pagefind's mergeFilters does.
function mergeFilters(all) {
  const merged = {};
  for (const filters of all) {
    for (const [name, values] of Object.entries(filters ?? {})) {
      merged[name] ??= {};
      for (const [value, count] of Object.entries(values)) merged[name][value] = (merged[name][value] ?? 0) + count;
    }
  }
  return merged;
}

// ---- In the page or a worker ----

// Pagefind over `bundles` (folder addresses), the first opened, the others merged into it. Pagefind fetches its
// WebAssembly from the first bundle's folder, and a shard's folder holds only its index (scripts/searchindex.py,
// keep_only_the_index): where the first bundle is a shard (only ever in a worker), that fetch is sent to the
// WebAssembly beside pagefind.js, the same file.
async function openBundles(bundles, pagefind, settings) {
  if (bundles[0] !== pagefind) {
    const fetchFile = globalThis.fetch.bind(globalThis);
    globalThis.fetch = (input, init) => {
      const url = String(input);
      const wasm = url.startsWith(bundles[0]) && url.endsWith(".pagefind");
      return fetchFile(wasm ? new URL(url.slice(bundles[0].length), pagefind).href : input, init);
    };
  }
  const engine = await import(new URL("pagefind.js", pagefind).href);
  await engine.options({ ...settings, basePath: bundles[0] });
  await Promise.all(bundles.slice(1).map((bundle) => engine.mergeIndex(bundle, settings)));
  return engine;
}

// ---- In a worker ----

if (typeof WorkerGlobalScope !== "undefined") {
  let engine = null;
  let last = { search: 0, results: [] }; // the newest answer, whose results' data the page may ask for
  const answer = async (message) => {
    if (message.open) {
      engine = await openBundles(message.open, message.pagefind, message.settings);
      return true;
    }
    if (message.search) {
      const found = await engine.search(message.term, message.options);
      if (message.search > last.search) last = { search: message.search, results: found.results };
      const { filters, totalFilters, unfilteredResultCount } = found;
      return { results: found.results.map((result) => result.score), filters, totalFilters, unfilteredResultCount };
    }
    if (message.data) return message.data === last.search ? last.results[message.rank].data() : null;
    return engine.filters();
  };
  globalThis.addEventListener("message", async ({ data }) => {
    try {
      globalThis.postMessage({ id: data.id, answer: await answer(data) });
    } catch (error) {
      globalThis.postMessage({ id: data.id, error: String(error) });
    }
  });
}
