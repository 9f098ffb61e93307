// Every user-visible string of the calculator widgets, in Chinese and English. Texts about the policy itself (labels,
// help, results, explanations) come from inputs.json and from the engine; these are the interface's own words.

export const STRINGS = {
  widgetTitle: { zh: "测算本条奖励", en: "Estimate this article's awards" },
  widgetIntro: {
    zh: "填写下列条件即可估算。计算在您的浏览器内完成，填写的内容不会发送到任何服务器。",
    en: "Fill in the conditions below for an estimate. It is computed in your browser; nothing you enter is sent to any server.",
  },
  estimatorIntro: {
    zh: "先填写企业情况，再展开各部分填写适用的条件。结果先按各条计算（含各条规定的累进补差），再依次适用附则的从高不重复、综合扶持、不予享受的情形和年度上限，并说明每一项扣减的理由。计算在您的浏览器内完成。",
    en: "Fill in the company facts first, then open the parts that apply. The result applies each article (with the progressive top-up that articles provide for), then the Supplementary Provisions in turn: take the higher, no duplication; comprehensive support; the exclusions; and the yearly cap. It explains every reduction. It is computed in your browser.",
  },
  stateIdle: { zh: "计算器将在页面空闲时加载；可以先填写。", en: "The calculator loads when the page is idle; you can start filling in now." },
  stateLoading: { zh: "计算器加载中……可以先填写，加载完成后自动计算。", en: "Loading the calculator… You can fill in the form; it computes as soon as it is ready." },
  stateReady: { zh: "计算器已就绪。", en: "Calculator ready." },
  downloadProgress: { zh: "正在下载计算器：{loaded} MB / {total} MB", en: "Downloading the calculator: {loaded} MB of {total} MB" },
  stateUnsupported: {
    zh: "此浏览器不支持 WebAssembly 或 Web Worker，无法在页面内测算。条文内容不受影响。 — This browser lacks WebAssembly or Web Workers, so the calculator cannot run here. The text of the policy is unaffected.",
    en: "This browser lacks WebAssembly or Web Workers, so the calculator cannot run here. The text of the policy is unaffected. — 此浏览器不支持 WebAssembly 或 Web Worker，无法在页面内测算。条文内容不受影响。",
  },
  stateFailed: {
    zh: "计算器加载失败，暂时无法测算；条文内容不受影响，可刷新页面重试。 — The calculator failed to load; the text of the policy is unaffected. Reload the page to try again.",
    en: "The calculator failed to load; the text of the policy is unaffected. Reload the page to try again. — 计算器加载失败，暂时无法测算；条文内容不受影响，可刷新页面重试。",
  },
  formConditions: { zh: "本条条件", en: "Conditions of this article" },
  companyFacts: { zh: "企业情况（附则）", en: "Company facts (Supplementary Provisions)" },
  companyFactsMore: { zh: "企业情况（附则，可选）", en: "Company facts (Supplementary Provisions, optional)" },
  otherPolicies: { zh: "其他政策已给予的金额（从高、不重复，可选）", en: "Amounts from other policies (take the higher, no duplication; optional)" },
  otherPolicyLabel: {
    zh: "“{title}”：同一事项市级或本区其他政策给予的金额（元）",
    en: "“{title}”: amount paid for the same item by a city or other district policy (CNY)",
  },
  otherPolicyHelp: {
    zh: "附则（四）：与市级或本区其他政策重复、交叉的，从高、不重复。以元为单位，没有则不填。",
    en: "Provision 4: where this overlaps with a city or other district policy: take the higher, no duplication. In yuan (CNY); leave empty if none.",
  },
  notGiven: { zh: "—（未填写）", en: "— (not given)" },
  notGivenDefault: { zh: "—（未填写，按“{value}”处理）", en: "— (not given; treated as “{value}”)" },
  yes: { zh: "是", en: "Yes" },
  no: { zh: "否", en: "No" },
  selfCheckOpened: {
    zh: "已按奖励自查的答案展开{parts}个部分，可能适用的{articles}条已在左侧标出。其他部分仍可展开填写。",
    en: "Your self-check answers opened {parts} parts; the {articles} articles that may apply are marked on the left. You can still open the other parts.",
  },
  range: { zh: "范围：{min} 至 {max}{unit}", en: "Range: {min} to {max}{unit}" },
  datePlaceholder: { zh: "例如 2024-06-30", en: "e.g. 2024-06-30" },
  unitYuan: { zh: " 元", en: " CNY" },
  unitMu: { zh: " 亩", en: " mu" },
  share: { zh: "生成分享链接", en: "Make a share link" },
  shareLabel: {
    zh: "分享链接（填写内容只在链接的 # 之后，不会发送到服务器）",
    en: "Share link (the inputs are only after the # and are never sent to a server)",
  },
  shareCopied: { zh: "已复制到剪贴板。", en: "Copied to the clipboard." },
  clear: { zh: "清除", en: "Clear" },
  cleared: { zh: "已清除填写内容。", en: "The form has been cleared." },
  restoredFromLink: { zh: "已按链接恢复填写内容。", en: "The inputs from the link have been restored." },
  badFragment: {
    zh: "链接中的填写数据无法识别，已忽略。",
    en: "The inputs in this link could not be read and were ignored.",
  },
  downloadCsv: { zh: "下载 CSV", en: "Download CSV" },
  downloadJson: { zh: "下载 JSON", en: "Download JSON" },
  print: { zh: "打印", en: "Print" },
  resultTitle: { zh: "估算结果", en: "Estimate" },
  resultEmpty: { zh: "填写上面的条件后，这里显示估算结果。", en: "The estimate appears here once you fill in the conditions above." },
  resultWaiting: { zh: "计算器加载完成后显示结果。", en: "The result appears once the calculator has loaded." },
  resultInvalid: { zh: "请先更正标出的填写内容。", en: "Please correct the marked fields first." },
  resultNoLines: {
    zh: "按目前填写的条件，本条没有可测算的奖励。",
    en: "With the conditions given, no award of this article applies.",
  },
  resultFailed: { zh: "计算出错：{message}", en: "The calculation failed: {message}" },
  total: { zh: "合计", en: "Total" },
  totalArticle: { zh: "本条合计", en: "Total for this article" },
  totalCompany: { zh: "企业合计（适用附则后）", en: "Company total (after the Supplementary Provisions)" },
  beforeCross: { zh: "各条金额合计（适用附则前）", en: "Articles' amounts (before the Supplementary Provisions)" },
  individualTotal: { zh: "另：发给个人或团队的资助（不计入企业合计）", en: "Also: funding paid to individuals or teams (not in the company total)" },
  upTo: { zh: "最高", en: "up to" },
  kindExact: { zh: "确定金额", en: "exact" },
  kindMaximum: { zh: "上限", en: "maximum" },
  kindUnquantified: { zh: "个案确定", en: "case by case" },
  totalIsMaximum: {
    zh: "含“最高”金额：合计是可能获得的上限，不是核定金额。",
    en: "Includes “up to” amounts: the total is a ceiling, not the amount that will be awarded.",
  },
  totalIsExact: { zh: "各项均为确定金额。", en: "Every line is an exact amount." },
  steps: { zh: "计算过程", en: "How it is computed" },
  reductions: { zh: "扣减", en: "Reductions" },
  reductionSummary: { zh: "从各条金额到企业合计", en: "From the articles' amounts to the company total" },
  withinArticles: { zh: "各条金额内已扣减：", en: "Already deducted within the articles' amounts:" },
  notes: { zh: "附则的适用", en: "Supplementary Provisions applied" },
  warnings: { zh: "提示", en: "Notes" },
  assumptions: { zh: "默认值", en: "Defaults used" },
  given: { zh: "填写的条件", en: "What was filled in" },
  unquantifiedListed: { zh: "本条另有金额由主管部门个案确定的奖励：", en: "This article also has awards whose amount is decided case by case:" },
  caseByCase: { zh: "金额由主管部门个案确定", en: "amount decided case by case" },
  disclaimer: {
    zh: "本估算依据政策原文和公开的解释规则，不是主管部门的决定；实际金额以主管部门审核为准。",
    en: "This estimate follows the policy text and the published reading of it; it is not a decision of the responsible department, which sets the actual amount.",
  },
  clause: { zh: "条款 {label}", en: "clause {label}" },
  itemPrefix: { zh: "第{n}项：", en: "Item {n}: " },
  part: { zh: "第{numeral}部分 {title}", en: "Part {id}: {title}" },
  article: { zh: "第{numeral}条 {title}", en: "Article {id}: {title}" },
  articleShort: { zh: "第{numeral}条", en: "Article {id}" },
  filledCount: { zh: "（已填 {n} 项）", en: " ({n} filled)" },
  reasonColumn: { zh: "原因", en: "Reason" },
  amountColumn: { zh: "金额", en: "Amount" },
  csvHeader: {
    zh: ["条", "规则", "奖励", "金额性质", "金额（元）", "金额（万元）", "扣减（元）", "扣减说明", "条款"],
    en: ["Article", "Rule", "Award", "Kind of amount", "Amount (CNY)", "Amount (CNY 10,000)", "Reductions (CNY)", "Reductions explained", "Clauses"],
  },
  csvTotal: { zh: "合计", en: "Total" },
  csvBefore: { zh: "适用附则前合计", en: "Total before the Supplementary Provisions" },
  fileName: { zh: "江北区都市工业政策-测算", en: "jiangbei-policy-estimate" },
};

export const REASONS = {
  cap: { zh: "单项上限", en: "Ceiling" },
  top_up: { zh: "累进补差", en: "Progressive top-up" },
  below_threshold: { zh: "未达门槛", en: "Below the threshold" },
  already_received: { zh: "扣除已获", en: "Already received" },
  item_cap: { zh: "每期上限", en: "Per-issue ceiling" },
  yearly_cap_per_rule: { zh: "本项年度上限", en: "Yearly ceiling of this award" },
  requirement: { zh: "前提条件", en: "Precondition" },
  exclusion: { zh: "不予享受（附则二、三）", en: "Not eligible (Provisions 2, 3)" },
  comprehensive_support: { zh: "综合扶持（附则四）", en: "Comprehensive support (Provision 4)" },
  take_higher: { zh: "从高、不重复（附则四）", en: "Take the higher, no duplication (Provision 4)" },
  yearly_cap: { zh: "年度合计上限（附则五）", en: "Yearly cap (Provision 5)" },
};

/** STRINGS[key] in `lang`, with {name} placeholders filled from `values` (plain text, never HTML). */
export function t(key, lang, values = {}) {
  const entry = STRINGS[key];
  if (!entry) throw new Error(`calculator: no string ${key}`);
  return String(entry[lang]).replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}
