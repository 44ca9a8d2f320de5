// A validation report as a small human table, for terminals (`validate`, the demo); --json prints
// the report itself.
import type { ValidationReport } from '@edgecv/use-cases';

export function formatValidationReport(report: ValidationReport): string {
  const rows = Object.entries(report.counts).map(([kind, n]) => `  ${kind.padEnd(16)} ${String(n).padStart(8)}`);
  const lines = [
    `s3://${report.bucket}/${report.prefix}  ${report.objects} objects, ${report.references} references: ${report.ok ? 'OK' : 'PROBLEMS'}`,
    `  ${'check'.padEnd(16)} ${'count'.padStart(8)}`,
    ...rows,
  ];
  for (const [type, n] of Object.entries(report.orphansByType)) lines.push(`  orphans/${type.padEnd(7)} ${String(n).padStart(8)}`);
  if (report.examples.length > 0) {
    lines.push('', '  examples:');
    for (const p of report.examples) lines.push(`  - ${p.kind}: ${JSON.stringify(p.key)} (${p.detail})`);
  }
  return lines.join('\n');
}
