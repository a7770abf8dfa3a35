import type { Finding } from '../../shared/src/rules/types';

/** Findings as plain data, their fixes included: those are built when read, so JSON.stringify would leave them out. */
export function plainFindings(findings: readonly Finding[]) {
  return findings.map(({ code, severity, message, span, related, fixes }) => ({ code, severity, message, span, related, fixes }));
}

export function findingsJson(findings: readonly Finding[]): string {
  return JSON.stringify(plainFindings(findings));
}
