/**
 * The caller is known but may not do this (not the owner, not the checkout workload): the call
 * ends PERMISSION_DENIED (error-mapping.ts). The reason names the rule, never the owner or
 * anything else the caller may not see.
 */
export class Forbidden extends Error {
  override readonly name = 'Forbidden';
  constructor(
    readonly rule: string,
    reason: string,
  ) {
    super(`permission denied: ${reason}`);
  }
}
