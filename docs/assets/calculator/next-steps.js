// Next steps under each result line: the department responsible for the article (policy.yaml `departments`), the
// clause to cite, as readers cite it ("第三条第二款 (3-2)"), and the methodology's list of departments by article
// (whom to ask). Nothing the policy does not say: no addresses, deadlines or procedures.

import { LANG, LANG_ROOT, el, text } from "./ui.js";

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1..99 in Chinese numerals, as the policy numbers its articles and paragraphs: 2 -> 二, 12 -> 十二, 21 -> 二十一. */
export function chineseNumber(n) {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}

/** "a3-2" -> zh "第三条第二款 (3-2)", en "Article 3, paragraph 2 (3-2)"; "s5-1" -> "附则（五）第一款 (S5-1)". */
export function citedClause(clauseId, lang = LANG) {
  const article = /^a(\d+)-(\d+)$/.exec(clauseId);
  if (article) {
    const [, number, paragraph] = article.map(Number);
    return lang === "zh"
      ? `第${chineseNumber(number)}条第${chineseNumber(paragraph)}款 (${number}-${paragraph})`
      : `Article ${number}, paragraph ${paragraph} (${number}-${paragraph})`;
  }
  const provision = /^s(\d+)-(\d+)$/.exec(clauseId);
  if (provision) {
    const [, number, paragraph] = provision.map(Number);
    return lang === "zh"
      ? `附则（${chineseNumber(number)}）第${chineseNumber(paragraph)}款 (S${number}-${paragraph})`
      : `Supplementary Provision ${number}, paragraph ${paragraph} (S${number}-${paragraph})`;
  }
  return clauseId;
}

/** The departments responsible for an article, in the page language, joined. */
export function departmentsOf(articleId, data, lang = LANG) {
  const article = data.articles.find((entry) => entry.id === articleId);
  const separator = lang === "zh" ? "、" : "; ";
  return (article?.departments || []).map((department) => department[lang] ?? department.zh).join(separator);
}

export const CONTACTS_URL = () => new URL("methodology/#ask", LANG_ROOT).href;

/** The "next steps" line of one result line: department · clause · whom to ask. */
export function nextSteps(line, data) {
  const departments = departmentsOf(line.article, data);
  // The clause of the branch that fired (第三条 a key-industry project: 3-2), not the article's first clause.
  const clause = line.clause ?? (line.clauses || [])[0];
  const separator = () => el("span", { class: "pc-next-sep", "aria-hidden": "true" }, " · ");
  return el("p", { class: "pc-next" },
    el("span", { class: "pc-next-title" }, `${text("nextSteps")}${LANG === "zh" ? "：" : ": "}`),
    departments ? [el("span", { class: "pc-next-department" }, text("nextDepartment", { departments })), separator()] : "",
    clause ? [el("span", { class: "pc-next-clause" }, text("nextClause", { clause: citedClause(clause) })), separator()] : "",
    el("a", { href: CONTACTS_URL(), class: "pc-next-contacts" }, text("nextContacts")));
}
