/** Dynamic rules (see isp-certification.md): implementations by rule id. */
import type { DynamicImplementation } from './define';

export const REFUND_ACCESS_CHECKS: Readonly<Record<string, DynamicImplementation>> = {};
