/** Kinds of knowledge a passage comes from. */
export type PassageKind = 'policy' | 'faq' | 'product';

/** A searchable unit of the shop's knowledge. */
export interface Passage {
  /** Unique id of the passage, e.g. `policy:shipping#3`, `faq:F001`, `product:CUP-350-BL`. */
  id: string;
  /** The document it belongs to, e.g. `policy:shipping`, `faq:F001`, `product:CUP-350-BL`. */
  docId: string;
  kind: PassageKind;
  /** Short title shown to the customer as a source. */
  title: string;
  /** Text the model reads. */
  text: string;
  /** For FAQ passages: the answer alone, usable as a reply without a model. */
  answer?: string;
  /**
   * What the ranker matches when it differs from `text`: a policy chunk, while `text` is its whole (short) section,
   * so a match on one clause hands the model the clauses around it.
   */
  searchText?: string;
  /** For FAQ passages: the question and each similar phrasing; each is matched on its own. */
  questions?: string[];
  /** For product passages: the SKU. */
  sku?: string;
  /** For product passages: the row's columns (name, category, color, size, ...), kept structured. */
  attributes?: Record<string, string>;
}

export interface ScoredPassage extends Passage {
  score: number;
}

export interface RetrieveOptions {
  /** How many passages to return. */
  k: number;
  /** Earlier customer messages of the conversation, oldest first, for follow-up questions. */
  history?: string[];
}

/** Finds the passages that best answer a customer message. */
export interface Retriever {
  retrieve(query: string, options: RetrieveOptions): Promise<ScoredPassage[]>;
  /** Number of passages loaded; 0 means the knowledge base is not ready. */
  size(): Promise<number>;
}
