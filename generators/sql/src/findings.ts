import { formatDiagnostic, type Diagnostic } from '@taxonomy/core';
import type { Finding } from './plan.js';

/** A finding as a core Diagnostic, so `taxonomy check` (or a test) can print it like any other. */
export function toDiagnostic(f: Finding): Diagnostic {
  return { code: f.code, severity: f.severity, message: f.message, hint: f.hint, ...(f.location ? { location: f.location } : {}) };
}

/** `file:line:col error message [code]` and the hint. */
export function formatFinding(f: Finding): string {
  return formatDiagnostic(toDiagnostic(f));
}
