// Orders counted once: which mentions are the same real order (./match.ts), the orders rebuilt from
// them, force by force where mentions changed (./resolve.ts), and why (./explain.ts). Public entry of the orders stage.
export { anchorOrder, clusterMentions, compareMentions, MATCH_RULES, mergeCluster, type Comparison, type MatchMention } from './match.ts';
export { orderIdFor, rebuildOrders, resolveOrders, type OrderSnapshot, type ResolveStats } from './resolve.ts';
export {
  applyCorrections,
  CORRECTABLE_FIELDS,
  CorrectionError,
  correctionsByOrder,
  correctOrder,
  mergeOrders,
  parseCorrectionValue,
  REVIEW_BELOW_CONFIDENCE,
  removeOrder,
  undoCorrection,
  type OrderCorrectionSummary,
} from './corrections.ts';
export { explainOrder, findOrderId, type OrderExplanation } from './explain.ts';
