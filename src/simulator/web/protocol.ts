/**
 * What the web debugger's server and its page say to each other (JSON over HTTP and server-sent
 * events). Self-contained on purpose: the page (web/) type-checks against this file alone, and the
 * server assigns the simulator's own types to these shapes, so the compiler keeps them in step.
 */

export interface WireLine {
  /** `skill`: the skill's outputSpeech; `alexa`: Alexa's own words (the purchase dialog, errors). */
  speaker: 'skill' | 'alexa';
  text: string;
  ssml?: string;
}

export interface WireResolution {
  authority: string;
  status: { code: string };
  values?: Array<{ value: { name: string; id?: string } }>;
}

export interface WireSlot {
  name: string;
  value?: string;
  resolutions?: { resolutionsPerAuthority: WireResolution[] };
}

export interface WireNlu {
  kind: string;
  intent: { name: string; slots?: Record<string, WireSlot> } | null;
  confidence: number;
  reason: string;
  sample: string | null;
  oneShot: boolean;
  heard: string;
  considered: Array<{ intent: string; sample: string; score: number; slots: Record<string, string> }>;
}

export interface WireTurn {
  user: string;
  speech: string;
  lines: WireLine[];
  nlu: WireNlu | undefined;
  /** Every request of the turn, the purchase hop's Connections.Response included. */
  requests: unknown[];
  responses: unknown[];
  problems: Array<{ severity: string; message: string }>;
  card: unknown;
  purchase: { name: string; productId: string; referenceName: string | undefined; purchaseResult: string | undefined; statusCode: string | undefined } | undefined;
  sessionOpen: boolean;
  awaitingPurchaseAnswer: boolean;
  error: string | undefined;
  /** Set when the purchase dialog was answered with a result chosen by hand (not said). */
  forcedPurchase?: ForcedOutcome;
}

/** A purchase result chosen by hand: any purchaseResult, a failed flow, or no result at all. */
export type ForcedOutcome = { purchaseResult: string; message?: string } | { statusCode: string; message?: string } | 'no-result';

/** What one product looks like to the current user. */
export interface Holding {
  referenceName: string;
  entitled: boolean;
  /** Purchases that count now (consumables: the inventory). */
  count: number;
}

/** The state right after a turn, for the inspector (the page highlights what changed). */
export interface StateAfter {
  /** null: the session is closed. */
  sessionAttributes: Record<string, unknown> | null;
  /** The skill's stored user data; null when it cannot be seen (over --endpoint) or nothing is stored. */
  userData: Record<string, unknown> | null;
  holdings: Holding[];
}

interface StepBase {
  /** Increasing, from 1. */
  id: number;
  /** ISO-8601 */
  at: string;
}

/** One entry of the record: a turn, or something done to the simulator between turns. */
export type Step = StepBase & (
  | { kind: 'turn'; turn: WireTurn; after: StateAfter }
  | { kind: 'fault'; name: string; on: boolean }
  | { kind: 'reset'; userId: string }
  | { kind: 'grant' | 'revoke'; referenceName: string; result: string }
  | { kind: 'user'; userId: string }
  | { kind: 'locale'; locale: string }
  | { kind: 'reload'; ok: boolean; message: string }
  /** A parent's decision on a child's purchase; `changed` false when nothing of it was waiting. */
  | { kind: 'parent'; referenceName: string; decision: ParentDecision; changed: boolean }
  | { kind: 'purchasable'; referenceName: string; purchasable: boolean }
  /** The skill was disabled and enabled again: a new user id, the purchases moved to it. */
  | { kind: 'reenable'; previousUserId: string; userId: string }
);

export type ParentDecision = 'approve' | 'deny' | 'expire';

/** A child's purchase waiting for a parent. */
export interface PendingApproval {
  referenceName: string;
  /** The product's name in the current locale. */
  name: string;
  /** ISO-8601: when the child asked. */
  since: string;
}

export interface ShopProduct {
  referenceName: string;
  productId: string;
  type: string;
  /** The product's name in the current locale. */
  name: string;
  /** e.g. "$1.99", "$2.99 a month, 7 days free"; null when not sold in the locale's marketplace. */
  price: string | null;
  /** On sale now: the definition's purchasableState, unless the page (or setPurchasable) changed it. */
  forSale: boolean;
  entitled: boolean;
  purchasable: boolean;
  /** Consumables: purchases that count. */
  count: number;
  /** Subscription phase, pending approval…; empty when there is nothing to add. */
  note: string;
}

export interface LedgerLine {
  at: string;
  referenceName: string;
  action: string;
  result: string;
}

export interface FaultView {
  name: string;
  description: string;
  active: boolean;
}

/** Everything the page shows except the record of steps. */
export interface ViewState {
  skill: {
    invocationName: string;
    /** How the skill is reached: "app/app (in process)" or the endpoint URL. */
    target: string;
    projectDir: string;
    locales: string[];
    /** The page may ask for a reload (and files are watched). */
    reloadable: boolean;
  };
  locale: string;
  userId: string;
  session: { open: boolean; awaitingPurchaseAnswer: boolean; attributes: Record<string, unknown> | null };
  faults: FaultView[];
  /** `device-cannot-buy` and `voice-purchasing-off`, as the page's device controls. */
  device: { canBuy: boolean; voicePurchasing: boolean };
  shop: {
    products: ShopProduct[];
    /** Amazon's side: every buy, cancel and refund of this user in the emulator. */
    history: LedgerLine[];
    /** The skill's own ledger of purchase results (its storage); null when it has none to show. */
    ledger: LedgerLine[] | null;
    /** Children's purchases waiting for a parent (the pending-purchase fault). */
    pendingApprovals: PendingApproval[];
  };
  userData: Record<string, unknown> | null;
  /** Steps recorded since the recording began (the export covers these). */
  recording: { since: string; steps: number };
}

export interface StateResponse {
  view: ViewState;
  steps: Step[];
}

/** The server-sent events of GET /api/events: `view` (ViewState), `step` (Step), `steps` (Step[], the record was cleared). */
export type ServerEventName = 'view' | 'step' | 'steps';

export interface ErrorBody {
  error: { message: string; code?: string };
}
