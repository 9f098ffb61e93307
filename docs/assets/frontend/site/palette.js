// The light/dark switch in the header, in place of Material's palette component (overrides/partials/palette.html
// leaves the form unmarked, so Material's script does not mount its own). Same markup, same behaviour, same stored
// preference: Material's inline script in the header applies `__palette` before the first paint (on a first visit,
// the option matching the system: overrides/partials/javascripts/palette.html).
//
// Why: Material's component, on every page load, marks <body> as "switching" (a rule on every element under it),
// rewrites the palette's attributes, reads the header's computed style and adds the color-scheme meta, then removes
// the mark: three to four restyles of the whole page, each 25-40 ms of main-thread time on this machine (100-300 ms
// at the 4x CPU slowdown of Lighthouse's phone), for a palette that was already right. Here, a load changes the
// page only where something differs: for most readers, one label's `hidden`.

/** @typedef {{ index: number, color: Record<string, string | null> }} Palette The option chosen and its colours (Material's stored form) */
const FORM = "form.md-header__option[data-site-palette]";
const STORAGE_KEY = "__palette";

/** Material's storage (its inline script defines __md_get/__md_set, scoped to the site). */
/** @returns {Palette | null} */
function stored() {
  try {
    return typeof __md_get === "function" ? __md_get(STORAGE_KEY) : null;
  } catch {
    return null; // storage refused or unreadable: as on a first visit
  }
}

/** @param {Palette} palette */
function store(palette) {
  if (typeof __md_set === "function") __md_set(STORAGE_KEY, palette);
}

/** @param {HTMLInputElement[]} inputs @param {number} index @returns {Palette} */
function paletteOf(inputs, index) {
  const input = inputs[index];
  /** @type {Record<string, string | null>} */
  const color = {
    media: input.getAttribute("data-md-color-media"),
    scheme: input.getAttribute("data-md-color-scheme"),
    primary: input.getAttribute("data-md-color-primary"),
    accent: input.getAttribute("data-md-color-accent"),
  };
  if (color.media === "(prefers-color-scheme)") { // "follow the system": the colours of the matching option
    const system = document.querySelector(matchMedia("(prefers-color-scheme: light)").matches
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    if (system) {
      for (const key of ["scheme", "primary", "accent"]) color[key] = system.getAttribute(`data-md-color-${key}`);
    }
  }
  return { index, color };
}

/** @param {string} name */
function metaNamed(name) {
  /** @type {HTMLMetaElement | null} */
  let meta = document.head.querySelector(`meta[name="${name}"]`);
  if (!meta) {
    meta = document.createElement("meta");
    meta.name = name;
    document.head.append(meta);
  }
  return meta;
}

/**
 * The browser's own colours follow the palette as with Material: `color-scheme` (scroll bars, form controls) and
 * `theme-color` (a phone browser's toolbar). Read once styles are up to date, so reading them costs no restyle; a
 * meta is written only when its value changes (writing `color-scheme` restyles the whole page).
 */
function updateBrowserColours() {
  const header = document.querySelector("[data-md-component=header]");
  if (!header) return;
  const style = getComputedStyle(header);
  const scheme = style.colorScheme || "normal";
  /** @type {HTMLMetaElement | null} */
  const current = document.head.querySelector('meta[name="color-scheme"]');
  // No meta is the same as "light" for a light page: only a change is written.
  const same = current ? current.content === scheme : scheme === "normal" || scheme === "light";
  if (!same) metaNamed("color-scheme").content = scheme;
  const channels = style.backgroundColor.match(/\d+/g);
  if (channels && channels.length >= 3) {
    const colour = `#${channels.slice(0, 3).map((value) => (+value).toString(16).padStart(2, "0")).join("")}`;
    const theme = metaNamed("theme-color");
    if (theme.content !== colour) theme.content = colour;
  }
}

/** @param {() => void} callback */
function afterNextFrame(callback) {
  requestAnimationFrame(() => setTimeout(callback, 0));
}

/** @param {HTMLInputElement[]} inputs @param {Palette} palette @param {{ switching: boolean }} options */
function apply(inputs, palette, { switching }) {
  const body = document.body;
  const changes = Object.entries(palette.color)
    .filter(([key, value]) => value !== null && body.getAttribute(`data-md-color-${key}`) !== value);
  // As Material: no colour transitions while the palette switches (its CSS keys them on this attribute). Only a
  // change of colours needs it (`media` colours nothing).
  const recolours = switching && changes.some(([key]) => key !== "media");
  if (recolours) body.setAttribute("data-md-color-switching", "");
  for (const [key, value] of changes) body.setAttribute(`data-md-color-${key}`, /** @type {string} the filter left no null */ (value));
  if (recolours) setTimeout(() => body.removeAttribute("data-md-color-switching"), 0);
  inputs.forEach((input, index) => {
    const label = input.nextElementSibling;
    const hidden = index !== palette.index;
    if (label instanceof HTMLElement && label.hidden !== hidden) label.hidden = hidden;
  });
  store(palette);
  afterNextFrame(updateBrowserColours);
}

export function mountPalette() {
  /** @type {HTMLFormElement | null} */
  const form = document.querySelector(FORM);
  if (!form || form.dataset.mounted) return;
  form.dataset.mounted = "yes";
  const inputs = [.../** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input.md-option"))];
  if (!inputs.length) return;
  const saved = stored();
  let index = saved && Number.isInteger(saved.index) ? saved.index
    : inputs.findIndex((input) => matchMedia(/** @type {string} */ (input.getAttribute("data-md-color-media"))).matches);
  index = Math.max(0, Math.min(index, inputs.length - 1));
  // Without transitions: a page drawn in other colours than the palette chosen here is corrected at once, not eased
  // (an axe check that read links halfway found them too faint). Rare: the header's inline script
  // (overrides/partials/javascripts/palette.html) has applied the same choice before the first paint.
  apply(inputs, paletteOf(inputs, index), { switching: true });
  inputs.forEach((input, chosen) => {
    input.addEventListener("change", () => {
      index = chosen;
      apply(inputs, paletteOf(inputs, chosen), { switching: true });
    });
  });
  // Enter on the switch moves to the next palette, as Space does for the radio buttons (Material does the same).
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const next = inputs[(index + 1) % inputs.length];
    next.click();
    next.focus();
  });
}
