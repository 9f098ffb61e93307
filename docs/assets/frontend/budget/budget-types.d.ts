// Types of the budget page (budget/*.js; for `tsc --checkJs`, tsconfig.json; never loaded by a browser). The batch's
// records and summary, and the messages that carry them, are in protocol.d.ts.

/** The page's strings (data-text, from templates/ui.yaml): key, `{name}` values (whole numbers shown with grouped digits) and
 * language (the page's if not given) -> the text. */
interface BudgetSay {
  (key: string, values?: Record<string, string | number>, lang?: Lang): string;
  /** The text in both languages: a message about what the reader gave is said in both. */
  both(key: string, values?: Record<string, string | number>): Bilingual;
}

/** One figure of the policy a change can set (`calculator.list_parameters()`). */
interface BudgetParameter {
  id: string;
  label: string;
  value: string;
  unit: string;
  clause: string;
}

interface BudgetParameterGroup {
  title: string;
  parameters: BudgetParameter[];
}

/** The page's data-parameters: the parameters by article, their clauses, unit names and the articles' pages. */
interface BudgetData {
  groups: BudgetParameterGroup[];
  clauses: Record<string, { href: string; label: string; text: string }>;
  units: Record<string, string>;
  articles: Record<string, string>;
  article_labels: Record<string, string>;
}

/** What a batch reads: a file chosen, or the synthetic sample. */
interface BudgetSource {
  label: string;
  name: string;
  synthetic: boolean;
  bytes: () => Promise<ArrayBuffer>;
}

/** A batch under way or finished (budget.js); `id` once the worker has taken it. */
interface BudgetBatch {
  id: number | null;
  records: BatchRecord[];
  finished: boolean;
  reform: Reform | null;
  source: BudgetSource;
  lastLive: number;
  total?: number;
}

/** A company's amounts, read once (budget-results.js); `reformTotal` and `delta` only when the batch has a change. */
interface BudgetCompany {
  record: BatchRecord;
  total: bigint;
  reformTotal: bigint;
  delta: bigint;
}

/** The change's sums beside today's (a batch summary's `reform`). */
type BudgetReform = NonNullable<BatchSummary["reform"]>;

type BudgetSortKey = "row" | "firm" | "total" | "reformTotal" | "delta";
