// Money as people write it ("8000000", "8,000,000", "800万", "1.2亿元"), read in the page before Python is ready:
// the echo next to a money field ("= 8,000,000 元 (800万元)"; English "= CNY 8,000,000 (8 million)") and an early flag on what the engine will refuse
// (words, another currency, two numbers). The engine (calculator/_validate.py) decides; this reads the same forms so
// that the echo shows the amount the engine will use. Exact: fen as BigInt, never floating point.

/** @type {Record<string, bigint>} */
const MAGNITUDES = { "": 1n, "万": 10000n, "亿": 100000000n };
// number, then optional 万/亿, then optional 元: "800万", "800万元", "1.2亿", "8,000,000元".
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万|亿)?元?$/;
const NUMERAL_WORDS = /[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]/;
const OTHER_CURRENCY = /美元|美金|港元|港币|欧元|日元|英镑|澳元|台币|卢布|韩元|[$€£₩]|\b(?:USD|HKD|EUR|GBP|JPY|AUD|TWD)\b/i;
const DIGIT_RUN = /\d[\d,]*(?:\.\d+)?/g;

/** @typedef {"words" | "currency" | "several" | "decimals" | "format"} RefusalReason */
/** @typedef {{ status: "empty" } | { status: "amount", fen: bigint, unit: string } | { status: "refused", reason: RefusalReason } | { status: "refused", reason: "tooLarge", max: string }} MoneyReading */

/** "8000000" -> "8,000,000". In one pass: a look-ahead regex is quadratic, and a pasted 180,000-digit string froze
 * the page for a minute. */
/** @param {string} digits */
export function groupedDigits(digits) {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let start = head; start < digits.length; start += 3) groups.push(digits.slice(start, start + 3));
  return groups.join(",");
}

/** @param {string} integerPart @param {string} fraction */
function trimZeros(integerPart, fraction) {
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed ? `${integerPart}.${trimmed}` : integerPart;
}

/** Fen divided by 10^places, exact, without trailing zeros: (123456n, 6) -> "0.123456". */
/** @param {bigint} fen @param {number} places */
function scaledFen(fen, places) {
  const sign = fen < 0n ? "-" : "";
  const digits = (fen < 0n ? -fen : fen).toString().padStart(places + 1, "0");
  return sign + trimZeros(digits.slice(0, -places).replace(/^0+(?=\d)/, ""), digits.slice(-places));
}

/** Fen as 万元, exact: 80000000n -> "800" (800万元), 123456n -> "0.123456". */
/** @param {bigint} fen */
export function wanOfFen(fen) {
  return scaledFen(fen, 6);
}

/** Fen as grouped yuan: 800000000n -> "8,000,000"; 12345n -> "123.45". */
/** @param {bigint} fen */
export function yuanOfFen(fen) {
  const sign = fen < 0n ? "-" : "";
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, "0");
  const whole = groupedDigits(digits.slice(0, -2));
  const fraction = digits.slice(-2);
  return sign + (fraction === "00" ? whole : `${whole}.${fraction}`);
}

/**
 * What a money field holds: {status: "empty"}, {status: "amount", fen, unit} (unit "", "万" or "亿" as typed), or
 * {status: "refused", reason} with reason "words" | "currency" | "several" | "decimals" | "format", or "tooLarge"
 * (with `max`) when the field's maximum in yuan (inputs.json `max`, the engine's limit) is given and exceeded.
 */
/** @param {unknown} raw @param {string | number | null} [max] @returns {MoneyReading} */
export function readMoney(raw, max = null) {
  const reading = readAmount(raw);
  if (reading.status !== "amount" || max === null || max === undefined) return reading;
  const limit = readAmount(String(max));
  return limit.status === "amount" && reading.fen > limit.fen ? { status: "refused", reason: "tooLarge", max: String(max) } : reading;
}

/** @param {unknown} raw @returns {MoneyReading} */
function readAmount(raw) {
  const text = String(raw ?? "").normalize("NFKC").trim();
  if (!text) return { status: "empty" };
  const compact = text.replace(/\s+/g, "");
  const match = AMOUNT.exec(compact);
  if (match) {
    const [, integerPart, fraction = "", unit = ""] = match;
    // value × magnitude in fen must be whole: at most 2 decimals of yuan after the 万/亿 is applied.
    const scale = 10n ** BigInt(fraction.length);
    const numerator = (BigInt(integerPart.replace(/,/g, "")) * scale + BigInt(fraction || "0")) * MAGNITUDES[unit] * 100n;
    if (numerator % scale !== 0n) return { status: "refused", reason: "decimals" };
    return { status: "amount", fen: numerator / scale, unit };
  }
  if (OTHER_CURRENCY.test(compact)) return { status: "refused", reason: "currency" };
  if (NUMERAL_WORDS.test(compact)) return { status: "refused", reason: "words" };
  if ((text.match(DIGIT_RUN) || []).length > 1) return { status: "refused", reason: "several" };
  return { status: "refused", reason: "format" };
}

/** The amount in the unit people say it in: "800万元", "1.2亿元" (from 1亿 up). */
/** @param {bigint} fen */
export function chineseUnitOfFen(fen) {
  if (fen >= 10000000000n) return `${scaledFen(fen, 10)}亿元`;
  return `${wanOfFen(fen)}万元`;
}

/** @type {Record<Lang, (fen: bigint) => string>} */
const ECHO = {
  zh: (fen) => `= ${yuanOfFen(fen)} 元（${chineseUnitOfFen(fen)}）`,
  // English shows money in CNY only, never 万元 (issue 12); large amounts get the words English readers say.
  en: (fen) => `= CNY ${yuanOfFen(fen)}${englishScaleOfFen(fen) ? ` (${englishScaleOfFen(fen)})` : ""}`,
};

/** The amount in millions or billions of yuan, exact, from CNY 1 million up: 800000000n -> "8 million"; else "". */
/** @param {bigint} fen */
export function englishScaleOfFen(fen) {
  const magnitude = fen < 0n ? -fen : fen;
  if (magnitude >= 100000000000n) return `${scaledFen(fen, 11)} billion`;
  if (magnitude >= 100000000n) return `${scaledFen(fen, 8)} million`;
  return "";
}

/** @type {Record<RefusalReason, Bilingual>} */
export const REFUSALS = {
  words: {
    zh: "请用阿拉伯数字填写金额，例如 2000000 或 200万",
    en: "Write the amount in digits, e.g. 2000000 or 200万",
  },
  currency: {
    zh: "本项以人民币元为单位，请换算成人民币后填写，例如 2000000 或 200万",
    en: "This field is in yuan (CNY): convert to CNY first, e.g. 2000000 or 200万",
  },
  several: {
    zh: "只填写一个金额，例如 2000000 或 200万",
    en: "Enter one amount only, e.g. 2000000 or 200万",
  },
  decimals: { zh: "金额最多精确到分（2 位小数）", en: "At most 2 decimal places of a yuan (to the fen)" },
  format: {
    zh: "请填写以元为单位的数字，可带“万”“亿”，例如 2000000 或 200万",
    en: "Enter a number in yuan (CNY), optionally with 万 or 亿, e.g. 2000000 or 200万",
  },
};

/** {zh, en}: why a refused reading is refused; a too large amount in the engine's words (calculator/_validate.py). */
/** @param {Extract<MoneyReading, { status: "refused" }>} reading @returns {Bilingual} */
export function refusalOf(reading) {
  if (reading.reason === "tooLarge") {
    return { zh: `数额过大：最大 ${reading.max}元`, en: `Too large: at most ${reading.max} yuan (CNY)` };
  }
  return REFUSALS[reading.reason];
}

/** The echo text for an accepted amount, or "" when there is nothing to echo. */
/** @param {MoneyReading} reading @param {Lang} lang */
export function moneyEcho(reading, lang) {
  return reading.status === "amount" ? ECHO[lang === "en" ? "en" : "zh"](reading.fen) : "";
}
