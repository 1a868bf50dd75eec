// `thermograph diagnose SESSION` and `thermograph recommend SESSION`: the diagnosis engine's findings
// and the ranked recommendations, as text or JSON.

import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import type { DiagnosisReport } from '../../src-shared/diagnosis/diagnosis';
import { confidenceLabel, diagnosisClassLabels, formatEvidenceValue } from '../../src-shared/format/evidence';
import { formatClock } from '../../src-shared/format/units';
import type { Command } from './arguments';

type DiagnosisCommand = Extract<Command, { name: 'diagnose' | 'recommend' }>;

/** Prints the diagnosis or the recommendations; returns the exit code. */
export async function runDiagnosis(api: ThermographInProcessApi, command: DiagnosisCommand): Promise<number> {
  const report = await api.getDiagnosis({ sessionId: command.sessionId });
  if (command.json) {
    const body = command.name === 'diagnose' ? { diagnosis: report } : { recommendations: report.recommendations };
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, ...body })}\n`);
  } else {
    const session = await api.getSession({ sessionId: command.sessionId });
    process.stdout.write(
      `${command.name === 'diagnose' ? diagnosisText(report, session.startedAt) : recommendationText(report)}\n`,
    );
  }
  return 0;
}

/** The diagnoses as text, times from the session's start. */
export function diagnosisText(report: DiagnosisReport, startedAt: number): string {
  const lines: string[] = [];
  if (report.diagnoses.length === 0) lines.push(`Session ${report.sessionId}: no diagnosis.`);
  report.diagnoses.forEach((diagnosis, index) => {
    const from = formatClock(Math.max(0, diagnosis.range.from - startedAt));
    const to = formatClock(Math.max(0, diagnosis.range.to - startedAt));
    lines.push(`${index + 1}. ${diagnosis.title}`);
    lines.push(
      `   ${diagnosisClassLabels[diagnosis.class]} · confidence ${diagnosis.confidence.toFixed(2)} (${confidenceLabel(diagnosis.confidence)}) · ${from}–${to}`,
    );
    for (const item of diagnosis.evidence) lines.push(`   - ${item.label}: ${formatEvidenceValue(item)}`);
    lines.push(`   ${diagnosis.detail}`);
  });
  for (const note of report.notes) lines.push(`Note: ${note}`);
  if (report.recommendations.length > 0)
    lines.push(`${report.recommendations.length} recommendation(s): thermograph recommend ${report.sessionId}`);
  return lines.join('\n');
}

/** The recommendations as text. */
export function recommendationText(report: DiagnosisReport): string {
  if (report.recommendations.length === 0)
    return `Session ${report.sessionId}: no recommendations${report.diagnoses.length === 0 ? ' (no diagnosis)' : ''}.`;
  const lines: string[] = [];
  report.recommendations.forEach((recommendation, index) => {
    lines.push(`${index + 1}. ${recommendation.title}  [${recommendation.id}]`);
    lines.push(`   Why: ${recommendation.why}`);
    lines.push(`   What: ${recommendation.what}`);
    lines.push(`   Expected: ${recommendation.expectedEffect}`);
    if (recommendation.action && !recommendation.actionUnavailable)
      lines.push(`   Try it: thermograph apply ${report.sessionId} ${recommendation.id}`);
    else if (recommendation.actionUnavailable) lines.push(`   ${recommendation.actionUnavailable}`);
  });
  return lines.join('\n');
}
