// Types of the data the front end reads (for `tsc --checkJs`, tsconfig*.json; never loaded by a browser): inputs.json
// and bundle.json (written by site_build/bundle_pyodide.py) and the engine's result (calculator/README.md, "Result").
// Global on purpose: the JavaScript names them in JSDoc without an import line in every module. Only the fields the
// front end reads are listed; the messages between page, worker and service worker are in protocol.d.ts.

/** A text in both languages (Chinese authoritative). */
interface Bilingual {
  zh: string;
  en: string;
}

type Lang = "zh" | "en";

/** Where another policy's amount comes from (附则四; calculator/fields.js). */
type PolicySource = "city" | "district" | "provincial" | "national";

// --- inputs.json ----------------------------------------------------------------------------------------------------

/** One input of inputs.json `inputs` (a profile value), or a field made in the page (another policy's amount). */
interface InputSpec {
  id: string;
  type: string; // "money" | "number" | "bool" | "choice" | "date" | "money_list" | "text" …
  group?: string; // "company" | "facts" | "item" …
  article?: number;
  label?: Bilingual;
  help?: Bilingual;
  unit?: string;
  unit_label?: Bilingual;
  min?: string;
  max?: string;
  decimals?: number;
  default?: string | boolean;
  choices?: { id: string; label: Bilingual }[];
  max_items?: number;
  stand_in?: string;
}

interface RuleSpec {
  id: string;
  article: number;
  title: Bilingual;
  kind: string;
  exactness: string; // "exact" | "maximum" | "unquantified"
  beneficiary: string;
  clauses: string[];
  inputs: string[];
  trigger?: string;
  take_higher?: boolean;
  take_higher_sources?: PolicySource[];
  flags?: { matching?: boolean; no_duplication_with_city?: boolean; sci_tech?: boolean; top_up?: boolean };
  requires?: string[];
  requires_not?: string[];
  repeatable?: { cap_scope: string; clause: string; interpretation?: Bilingual; item: Bilingual };
}

interface ArticleSpec {
  id: number;
  numeral: string;
  title: Bilingual;
  calculable: boolean;
  departments: Bilingual[];
  finder?: { zh: string[]; en: string[] };
  inputs: string[];
  rules: RuleSpec[];
}

interface PartSpec {
  id: number;
  numeral: string;
  title: Bilingual;
  topics?: Bilingual;
  articles: number[];
}

/** One variant of a what-if chart: the x values sampled and the marks (threshold, cap, milestone) on its axis. */
interface WhatIfVariant {
  samples: string[];
  marks: { mark: "threshold" | "cap" | "milestone"; x: string }[];
}

interface WhatIfSpec {
  input: string;
  type: string;
  levels?: string[];
  linear?: boolean;
  per_item?: boolean;
  variant_input: string | null;
  variants: Record<string, WhatIfVariant>;
}

/** inputs.json: the forms' fields, from the calculator package's public API (scripts/calculator_inputs.py). */
interface InputsData {
  schema: number;
  document?: { title: Bilingual };
  articles: ArticleSpec[];
  parts: PartSpec[];
  inputs: Record<string, InputSpec>;
  company_inputs: string[];
  clauses: Record<string, string>;
  max_items: number;
  paths: { article: string; estimator: string };
  what_if: Record<string, WhatIfSpec>;
}

/** bundle.json: which wheel and runtime files the worker loads (site_build/bundle_pyodide.py). */
interface BundleInfo {
  package: string;
  wheel: string;
  wheelIntegrity: string;
  module: string;
  entry: string;
  bytes?: Record<string, number>;
  /** File name -> the size of its Brotli copy, what crosses the network from a host that serves it. */
  transfer?: Record<string, number>;
  snapshotKey: string;
}

// --- the engine's result (calculator/README.md, "Result") -----------------------------------------------------------

/** A profile as the engine reads it: input id -> value (text as typed, true/false, lists of rows). */
type Profile = Record<string, unknown>;

/** A form's value as the page sends it: text exactly as typed, or true/false for a yes/no field. */
type ProfileValue = string | boolean;

/** The profile a calculator builds from its fields (calculator/calculator.js profile(), rows.js applyTo()). */
type PageProfile = {
  company?: Record<string, ProfileValue>;
  facts?: Record<string, ProfileValue>;
  items?: Record<string, Record<string, ProfileValue>[]>;
  other_policy_awards?: Record<string, { amount: ProfileValue; source: string }>;
};

interface FieldError {
  field: string;
  zh: string;
  en: string;
}

interface Reduction {
  reason: string;
  amount_cny: string;
  clause?: string | null;
  text: string;
}

interface WhyNot {
  reason: string;
  clause?: string | null;
  gap_cny: string | null;
  text: string;
}

interface CitedText {
  clause?: string | null;
  text: string;
}

interface ResultLine {
  rule: string;
  item: number;
  item_label: string | null;
  event_date: string | null;
  article: number;
  article_title: string;
  clauses: string[];
  title: string;
  who: string;
  kind: string;
  beneficiary: string;
  flags: Record<string, boolean>;
  kind_of_amount: string; // "exact" | "maximum" | "unquantified"
  condition: string;
  clause: string | null;
  clauses_applied: string[];
  computed_cny: string | null;
  amount_cny: string | null;
  amount_wan: string | null;
  amount_display: string;
  cap_cny: string | null;
  counts_toward_company_total: boolean;
  blocked: boolean;
  reductions: Reduction[];
  explanation: CitedText[];
  why_not?: WhyNot[];
}

interface YearlyCap {
  clause: string;
  fiscal_contribution_cny: string;
  before_cny: string;
  reduction_cny: string;
  applied: boolean;
  text: string;
}

interface EstimateResult {
  schema: number;
  lang: string;
  valid: boolean;
  errors: FieldError[];
  eligible: boolean | null;
  year: number | null;
  year_source: "year" | "company_event_date" | "items" | null;
  total_cny: string;
  total_wan: string;
  total_display: string;
  total_kind_of_amount: string;
  totals: {
    before_cross_cutting_cny: string;
    after_cross_cutting_cny: string;
    exact_part_cny: string;
    yearly_cap_reduction_cny?: string;
    individual_awards_cny: string;
    unquantified_count: number;
  };
  yearly_cap: YearlyCap | null;
  lines: ResultLine[];
  notes: CitedText[];
  /** asks: the inputs whose value would settle what the warning leaves open. */
  warnings: (CitedText & { code: string; rule: string | null; asks: string[] })[];
  assumptions: (CitedText & { input: string; value: string | null })[];
}
