// Exact money arithmetic on the engine's amount strings ("80000.00"): fen as BigInt, never floating point.

import { LANG, groupedDigits } from "./ui.js";

/** @param {string | null | undefined} cny the engine's amount (anything else throws) @returns {bigint} */
export function fenOf(cny) {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(String(cny));
  if (!match) throw new Error(`calculator: not an amount in CNY: ${cny}`);
  const fen = BigInt(match[2]) * 100n + BigInt(match[3]);
  return match[1] ? -fen : fen;
}

/** @param {string} integerPart @param {string} fraction */
function plainDecimal(integerPart, fraction) {
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed ? `${integerPart}.${trimmed}` : integerPart;
}

/** @param {bigint} fen */
export function wanFromFen(fen) {
  const sign = fen < 0n ? "-" : "";
  const digits = (fen < 0n ? -fen : fen).toString().padStart(7, "0");
  return sign + plainDecimal(digits.slice(0, -6).replace(/^0+(?=\d)/, ""), digits.slice(-6));
}

/** @param {bigint} fen */
export function cnyFromFen(fen) {
  const sign = fen < 0n ? "-" : "";
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The engine's display form (zh "8万元", en "CNY 80,000": English never shows 万元) for a sum computed here. */
/** @param {bigint} fen */
export function displayFen(fen) {
  if (LANG === "zh") return `${wanFromFen(fen)}万元`;
  const [whole, fraction] = cnyFromFen(fen).split(".");
  const yuan = fraction === "00" ? groupedDigits(whole) : `${groupedDigits(whole)}.${fraction}`;
  return `CNY ${yuan}`;
}
