/** Stable codes for failures that are not the user's typing mistakes. */
export type ErrorCode =
  | "KNOWLEDGE_INVALID"
  | "CONFIG_INVALID"
  | "STORE_FAILED"
  | "DELIVERY_FAILED"
  | "INTERNAL";

/**
 * The one error base class. User mistakes are replies (kind `usage`/`error`), never thrown; this is
 * for what stops a start-up or a delivery, with a code scripts and tests can rely on.
 */
export class BriefingError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BriefingError";
    this.code = code;
  }
}
