// Every user-visible string of the calculator widgets, in Chinese and English. Texts about the policy itself (labels,
// help, results, explanations) come from inputs.json and from the engine; these are the interface's own words.

export const STRINGS = {
  widgetTitle: { zh: "测算本条奖励", en: "Estimate this article's awards" },
  widgetIntro: {
    zh: "填写下列条件即可估算。计算在您的浏览器内完成，填写的内容不会发送到任何服务器。",
    en: "Fill in the conditions below for an estimate. It is computed in your browser; nothing you enter is sent to any server.",
  },
  stateIdle: { zh: "计算器即将开始加载；可以先填写。", en: "The calculator is about to load; you can start filling in now." },
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
    // No quotation marks around the title: some titles carry their own (“机器换人”项目), and doubled ones read badly.
    zh: "{title}：同一事项其他政策给予的金额（元）",
    en: "{title}: amount paid for the same item by another policy (CNY)",
  },
  // The help under that amount names the policies that reduce this award (inputs.json `take_higher_sources`).
  otherPolicyHelp: {
    zh: "附则（四）：与市级政策或本区现行政策重复、交叉的，从高、不重复。省级、国家级政策的金额不扣减本项（可选择来源后填写，结果中会说明）。以元为单位，没有则不填。",
    en: "Provision 4: where this overlaps with a city policy or a current policy of this district: take the higher, no duplication. A provincial or national amount does not reduce this award (you can pick that source and enter it; the result says so). In yuan (CNY); leave empty if none.",
  },
  otherPolicyHelpCityOnly: {
    zh: "本条规定只与市级补助资金就高不重复（附则四不适用于科技类奖励）：本区其他政策、省级、国家级政策的金额不扣减本项。以元为单位，没有则不填。",
    en: "This article applies “take the higher, no duplication” with the city subsidy only (Provision 4 does not apply to science-and-technology awards): an amount from another district policy, a provincial or a national policy does not reduce it. In yuan (CNY); leave empty if none.",
  },
  otherPolicyHelpDistrictOnly: {
    zh: "本项是明确配套的奖励：只有本区其他现行政策就同一事项给予的金额按附则（四）从高、不重复；所配套的市级、省级、国家级奖励不扣减本项。以元为单位，没有则不填。",
    en: "This is an explicitly matching award: only an amount from another current policy of this district for the same item falls under Provision 4's take the higher, no duplication; the city, provincial or national award it matches does not reduce it. In yuan (CNY); leave empty if none.",
  },
  otherSourceLabel: { zh: "{title}：该金额来自", en: "{title}: that amount is from" },
  otherSource_city: { zh: "市级政策", en: "A city policy" },
  otherSource_district: { zh: "本区其他政策", en: "Another policy of this district" },
  otherSource_provincial: { zh: "省级政策", en: "A provincial policy" },
  otherSource_national: { zh: "国家级政策", en: "A national policy" },
  otherSourceReduces: { zh: "按附则（四）扣减本项的来源：{sources}。", en: "Sources that reduce this award under Provision 4: {sources}." },
  otherSourceReducesOwn: { zh: "扣减本项的来源：{sources}。", en: "Sources that reduce this award: {sources}." },
  notGiven: { zh: "—（未填写）", en: "— (not given)" },
  notGivenDefault: { zh: "—（未填写，按“{value}”处理）", en: "— (not given; treated as “{value}”)" },
  yes: { zh: "是", en: "Yes" },
  no: { zh: "否", en: "No" },
  selfCheckOpened: {
    zh: "已按奖励自查的答案展开{parts}个部分，可能适用的{articles}条已在左侧标出。其他部分仍可展开填写。",
    en: "Your self-check answers opened {parts} parts; the {articles} articles that may apply are marked on the left. You can still open the other parts.",
  },
  selfCheckCompany: {
    zh: "这几项企业情况可能改变结果（附则三、附则五），请先填写：",
    en: "These company facts may change the result (Provisions 3 and 5); fill them in first: ",
  },
  askField: { zh: "填写“{label}”", en: "Fill in “{label}”" },
  askFiscalContribution: {
    zh: "填入对本区财政贡献以核对年度上限",
    en: "Enter the company's fiscal contribution to the district to check the yearly cap",
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
  shareOpen: { zh: "在本站打开（新窗口）", en: "Open it on this site (new tab)" },
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
    zh: ["条", "规则", "奖励", "金额性质", "金额（元）", "金额（万元）", "扣减（元）", "扣减说明", "条款", "责任单位"],
    en: ["Article", "Rule", "Award", "Kind of amount", "Amount (CNY)", "Amount (CNY 10,000)", "Reductions (CNY)", "Reductions explained", "Clauses", "Responsible department"],
  },
  csvTotal: { zh: "合计", en: "Total" },
  csvBefore: { zh: "适用附则前合计", en: "Total before the Supplementary Provisions" },
  csvYear: { zh: "估算年度", en: "Year estimated" },
  // ---- issue 23: the year of the estimate, 附则五 once at the total, blocked lines, unquantified articles ----
  yearLine: { zh: "估算年度：{year}年（{how}）", en: "Year estimated: {year} ({how})" },
  yearNone: {
    zh: "估算年度：未确定（未填写事项日期；填写后按其年度估算）。",
    en: "Year estimated: not set (no event date given; with one, the estimate is for its year).",
  },
  yearHow_year: { zh: "按填写的估算年度", en: "the year given" },
  yearHow_company_event_date: { zh: "按企业情况中的事项日期", en: "from the event date in the company facts" },
  yearHow_items: { zh: "未填写企业事项日期，按最早的项目日期", en: "no company event date: from the earliest item date" },
  yearOthers: {
    zh: "其他年度的事项列在下面，金额不计入本年度合计；请按该年度另行估算。",
    en: "Items of another year are listed below but not counted in this year's total; estimate that year on its own.",
  },
  yearlyCapOf: { zh: "{before}中超出实际财政贡献{fiscal}的部分", en: "the part of {before} above the fiscal contribution of {fiscal}" },
  otherStageReductions: { zh: "附则的其他扣减", en: "Other deductions of the Supplementary Provisions" },
  ineligibleTitle: { zh: "按附则，本企业不能享受本政策：", en: "Under the Supplementary Provisions, this company cannot receive these awards:" },
  blockedLabel: { zh: "不予计算：", en: "Not counted:" },
  unquantifiedArticle: {
    zh: "{titles}：金额由主管部门个案确定（一事一议），本站不测算，也不计入合计。请向{departments}咨询。",
    en: "{titles}: the amount is decided case by case by the department; this site does not estimate it, and it is not in the total. Ask {departments}.",
  },
  unquantifiedTrigger: {
    zh: "在上面的企业情况中把“{label}”选为“是”，结果中会列出本条。",
    en: "Set “{label}” to Yes in the company facts above and the result lists this article.",
  },
  fileName: { zh: "江北区都市工业政策-测算", en: "jiangbei-policy-estimate" },
  // ---- issue 13: running total, field finder, error summary, next steps, undo, hand-off, print header ----
  runningTotal: { zh: "合计 {amount}", en: "Total {amount}" },
  runningTotalUpTo: { zh: "合计 最高{amount}", en: "Total up to {amount}" },
  runningTotalDetails: { zh: "查看明细", en: "details" },
  errorSummaryTitle: { zh: "有 {n} 处填写需要更正", en: "{n} entries need correcting" },
  errorSummaryTitleOne: { zh: "有 1 处填写需要更正", en: "1 entry needs correcting" },
  errorSummaryIntro: { zh: "点击各项可跳到对应的填写处：", en: "Select an entry to go to its field:" },
  finderLabel: { zh: "查找填写项", en: "Find a field" },
  finderHint: {
    zh: "输入关键词筛选下面的条目，例如 技改、高企、专精特新、上市、人才（中英文均可）。",
    en: "Type a word to narrow the articles below, e.g. renovation, high-tech, SRDI, IPO, talent (English or Chinese).",
  },
  finderFound: { zh: "找到 {n} 条：{list}", en: "{n} found: {list}" },
  listSeparator: { zh: "、", en: ", " },
  finderNone: { zh: "没有与“{query}”相关的条目。", en: "No article matches “{query}”." },
  finderShowAll: { zh: "显示全部", en: "Show all" },
  otherToggle: { zh: "同一事项已获得其他政策的奖励？", en: "Already awarded for the same item by another policy?" },
  nextSteps: { zh: "下一步", en: "Next steps" },
  nextDepartment: { zh: "责任单位：{departments}", en: "Responsible department: {departments}" },
  nextClause: { zh: "依据条款：{clause}", en: "Clause: {clause}" },
  nextApply: { zh: "怎么申请", en: "How to apply" },
  nextContacts: { zh: "各条款的责任单位（向谁咨询）", en: "Departments by article (whom to ask)" },
  undo: { zh: "撤销", en: "Undo" },
  undone: { zh: "已恢复清除前的填写内容。", en: "The inputs have been restored." },
  addToEstimate: { zh: "加入企业综合测算", en: "Add to my whole-company estimate" },
  printTitle: { zh: "企业综合测算", en: "Whole-company estimate" },
  printDate: { zh: "打印日期：{date}", en: "Printed on {date}" },
  printPolicy: { zh: "依据：《{title}》", en: "Under: {title}" },
  csvInputsHeader: { zh: ["填写项", "填写内容"], en: ["Input", "Value"] },
  // ---- why not (why-not.js) ----
  whyNotLabel: { zh: "为什么低于上限：", en: "Why below the ceiling:" },
  nearMissesTitle: { zh: "差一点：未获得或低于上限的奖励", en: "Near misses: awards not paid, or below their ceiling" },
  nearMissesIntro: {
    zh: "下列奖励按您填写的情况为0或低于上限；每项说明原因、差距和条款。",
    en: "These awards come to 0 or less than their cap for what you entered; each says why, how close, and which clause.",
  },
  // ---- scenario comparison (scenario.js) ----
  scenarioKeep: { zh: "保留为方案A", en: "Keep as scenario A" },
  scenarioKeepAgain: { zh: "以当前结果替换方案A", en: "Replace scenario A with this result" },
  scenarioDrop: { zh: "清除方案A", en: "Clear scenario A" },
  scenarioTitle: { zh: "方案A与方案B对比", en: "Scenario A and scenario B" },
  scenarioIntro: {
    zh: "方案A是您保留的结果；方案B是按当前填写的结果。各条金额为适用附则后的金额；附则（五）的年度上限在合计上扣减一次，单列一行。",
    en: "Scenario A is the result you kept; scenario B is the result for what is filled in now. Each article's amount is after the Supplementary Provisions; Provision 5's yearly cap comes off the total once, on a row of its own.",
  },
  scenarioNoB: { zh: "当前填写还没有结果，改好后即可对比。", en: "What is filled in now has no result yet; once it does, the two are compared here." },
  scenarioItem: { zh: "项目", en: "Item" },
  scenarioA: { zh: "方案A", en: "Scenario A" },
  scenarioB: { zh: "方案B", en: "Scenario B" },
  scenarioDifference: { zh: "差额（B−A）", en: "Difference (B − A)" },
  scenarioSame: { zh: "相同", en: "same" },
  // ---- repeatable rows (rows.js) ----
  rowAdd: { zh: "添加另一个{item}", en: "Add another {item}" },
  rowIntro: {
    zh: "“{title}”可按{item}分别计算：上面填写的是第1个{item}；如本年度还有，可逐个添加，每个填写自己的日期。",
    en: "“{title}” is worked out for each {item}: the fields above are {item} 1; add any others of this year, each with its own date.",
  },
  rowLabelSeparator: { zh: "：", en: ": " },
  rowDateHelp: { zh: "此项事项发生的日期（附则六），格式 2024-07-15；不填按企业情况中的日期。", en: "The date of this item (Provision 6), e.g. 2024-07-15; if empty, the date in the company facts applies." },
  rowRemove: { zh: "删除", en: "Remove" },
  rowRemoveLabel: { zh: "删除{item}", en: "Remove {item}" },
  rowRemoved: { zh: "已删除{item}。", en: "{item} removed." },
  // ---- what-if charts (chart.js) ----
  chartSection: { zh: "如果数值变化：金额怎样变", en: "What if: how the amount changes" },
  chartWaiting: { zh: "计算器加载完成后，在这里画出此图。", en: "The chart is drawn here once the calculator has loaded." },
  chartIntro: {
    zh: "下图按上面填写的情况，只改变一项数值，由计算器逐点算出本项金额（与结果中该项的金额相同；附则（五）的年度上限在企业合计上扣减，不在图中）。",
    en: "Each chart keeps what you entered above, changes one value, and has the calculator work out the award's amount at each point (the same as that line of the result; Provision 5's yearly cap comes off the company total, not here).",
  },
  chartFirstIssue: {
    zh: "横轴是第1期的金额；您填写的其他{others}期保持不变，计入纵轴金额",
    en: "the axis is the first issue's amount; your other {others} issue(s) stay as entered and are included in the amount",
  },
  chartFirstItem: {
    zh: "横轴是第1个{item}的数值；其他{item}保持不变",
    en: "the axis is {item} 1's value; your other {item}s stay as entered",
  },
  chartFlat: {
    zh: "按上面填写的条件，无论“{input}”是多少，本项都是0：{reason}",
    en: "With what is entered above, this award is 0 whatever “{input}” is: {reason}",
  },
  chartFlatRequires: {
    zh: "在上面把“{label}”选为“{value}”后，这里显示金额怎样随“{input}”变化。",
    en: "Set “{label}” to {value} above and this shows how the amount changes with “{input}”.",
  },
  chartTitle: { zh: "{title}：金额随数值变化", en: "{title}: amount as the value changes" },
  chartTableCaption: { zh: "{title}：图中各点", en: "{title}: the chart's points" },
  chartAwardAxis: { zh: "金额", en: "Amount" },
  chartAwardColumn: { zh: "金额", en: "Amount" },
  chartCurveSummary: { zh: "本条金额随“{input}”从0到{to}的变化", en: "This article's amount as “{input}” goes from 0 to {to}" },
  chartLadderSummary: { zh: "各级别的金额（“{input}”）", en: "The amount at each level (“{input}”)" },
  chartMark_threshold: { zh: "门槛{value}", en: "threshold {value}" },
  chartMark_cap: { zh: "达到{value}起为上限", en: "the cap is reached at {value}" },
  chartMark_milestone: { zh: "档次{value}", en: "milestone {value}" },
  chartCurrent: { zh: "您填写的{value}对应{amount}", en: "your value {value} gives {amount}" },
  chartCurrentLevel: { zh: "您的级别：{level}", en: "your level: {level}" },
  chartYours: { zh: "（您的数值）", en: "(yours)" },
  chartMarkShort_threshold: { zh: "门槛 {value}", en: "threshold {value}" },
  chartMarkShort_cap: { zh: "上限自 {value}", en: "cap from {value}" },
  chartMarkShort_milestone: { zh: "{value}", en: "{value}" },
};

/** @type {Record<string, Bilingual>} */
export const REASONS = {
  cap: { zh: "单项上限", en: "Ceiling" },
  top_up: { zh: "累进补差", en: "Progressive top-up" },
  below_threshold: { zh: "未达门槛", en: "Below the threshold" },
  already_received: { zh: "扣除已获", en: "Already received" },
  item_cap: { zh: "每期上限", en: "Per-issue ceiling" },
  yearly_cap_per_rule: { zh: "单项每年上限（同一企业同一年度）", en: "Yearly ceiling of an award (per company and year)" },
  requirement: { zh: "前提条件", en: "Precondition" },
  exclusion: { zh: "不予享受（附则二、三）", en: "Not eligible (Provisions 2, 3)" },
  comprehensive_support: { zh: "综合扶持（附则四）", en: "Comprehensive support (Provision 4)" },
  take_higher: { zh: "从高、不重复（附则四）", en: "Take the higher, no duplication (Provision 4)" },
  other_year: { zh: "其他年度的事项（不计入本年度）", en: "Items of another year (not this year's)" },
  before_policy_date: { zh: "早于2024年1月1日（附则六）", en: "Before 1 January 2024 (Provision 6)" },
  yearly_cap: { zh: "附则（五）年度上限", en: "Yearly cap (Provision 5)" },
};

const QUOTES = /[“”"「」『』]/; // as calculator/_text.py: apostrophes are not quotation marks

/** @typedef {keyof typeof STRINGS} StringKey */

/**
 * STRINGS[key] in `lang`, with {name} placeholders filled from `values` (plain text, never HTML).
 * @param {StringKey} key
 * @param {Lang} lang
 * @param {Record<string, string | number>} [values]
 */
export function t(key, lang, values = {}) {
  const entry = STRINGS[key];
  if (!entry) throw new Error(`calculator: no string ${key}`);
  // “{name}” quotes the value, unless it has quotation marks of its own (“机器换人”项目): never ““机器换人”项目”.
  return String(entry[lang]).replace(/“\{(\w+)\}”|\{(\w+)\}/g, (whole, quotedName, plainName) => {
    const name = quotedName ?? plainName;
    if (!(name in values)) return whole;
    const value = String(values[name]);
    return quotedName && !QUOTES.test(value) ? `“${value}”` : value;
  });
}
