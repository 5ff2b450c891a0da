/**
 * Suggested classification: multinomial naive Bayes over character bigrams (and, for Latin text,
 * whole words), learned from the archive's own classified cases. Pure and synchronous so the
 * service can train it off the request path and a script can measure it on held-out cases.
 * Laplace smoothing (α = 1); scores are log-probabilities turned into shares that sum to 1.
 */
export interface TrainingDoc {
  text: string;
  label: string;
}

interface LabelStats {
  docs: number;
  tokens: number;
  counts: Map<string, number>;
}

export interface NaiveBayesModel {
  labels: Map<string, LabelStats>;
  vocabulary: Set<string>;
  docs: number;
}

export interface Suggestion {
  label: string;
  /** The label's share of the posterior, 0…1. */
  share: number;
}

/** Character bigrams of the CJK and other non-space text, plus lower-cased Latin words. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const compact = text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ');
  for (const word of compact.match(/[a-z]{2,}/g) ?? []) tokens.push(`w:${word}`);
  for (const run of compact.split(/[ a-z0-9]+/)) {
    for (let i = 0; i + 1 < run.length; i += 1) tokens.push(run.slice(i, i + 2));
  }
  return tokens;
}

export function trainNaiveBayes(docs: Iterable<TrainingDoc>): NaiveBayesModel {
  const model: NaiveBayesModel = { labels: new Map(), vocabulary: new Set(), docs: 0 };
  for (const doc of docs) {
    let stats = model.labels.get(doc.label);
    if (!stats) {
      stats = { docs: 0, tokens: 0, counts: new Map() };
      model.labels.set(doc.label, stats);
    }
    stats.docs += 1;
    model.docs += 1;
    for (const token of tokenize(doc.text)) {
      stats.counts.set(token, (stats.counts.get(token) ?? 0) + 1);
      stats.tokens += 1;
      model.vocabulary.add(token);
    }
  }
  return model;
}

/** The `k` likeliest labels for `text`, with their shares; empty when the model knows nothing. */
export function suggestLabels(model: NaiveBayesModel, text: string, k = 3): Suggestion[] {
  if (model.docs === 0) return [];
  // Tokens never seen in training carry no evidence for any label: leave them out.
  const tokens = tokenize(text).filter((t) => model.vocabulary.has(t));
  const v = model.vocabulary.size;
  const scores: { label: string; score: number }[] = [];
  for (const [label, stats] of model.labels) {
    let score = Math.log(stats.docs / model.docs);
    const denominator = Math.log(stats.tokens + v);
    for (const token of tokens) score += Math.log((stats.counts.get(token) ?? 0) + 1) - denominator;
    scores.push({ label, score });
  }
  scores.sort((a, b) => b.score - a.score);
  const top = scores[0]?.score ?? 0;
  const weights = scores.map((s) => Math.exp(s.score - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return scores.slice(0, k).map((s, i) => ({ label: s.label, share: (weights[i] ?? 0) / total }));
}

/** Share of `cases` whose true label is among the top `k` suggestions. */
export function topKAccuracy(model: NaiveBayesModel, cases: readonly TrainingDoc[], k = 3): number {
  if (cases.length === 0) return 0;
  let hits = 0;
  for (const c of cases) if (suggestLabels(model, c.text, k).some((s) => s.label === c.label)) hits += 1;
  return hits / cases.length;
}
