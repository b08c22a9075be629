/** Dynamic rules (see isp-certification.md): implementations by rule id. */
import type { DynamicImplementation } from './define';

export const RESULT_CHECKS: Readonly<Record<string, DynamicImplementation>> = {};
