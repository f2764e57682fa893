// «Thiết lập ban đầu» in `Nhật ký`: one row per run, in counts, with the account that ran it (the
// address Apps Script gives, the same that owns the triggers).
import type { AuditRow } from '../domain/audit';
import { setupAudit } from '../domain/setup-audit';
import type { SetupReport } from './setup';

/** Setup's row, from its report: what it made and found, in counts. */
export function setupAuditRow(report: SetupReport, job: string, at: Date, user: string): AuditRow {
  const forms = report.forms?.forms ?? null;
  const changed = (outcome: NonNullable<typeof forms>[number]) =>
    outcome.settingsChanged.length + outcome.itemsAdded.length + outcome.itemsUpdated.length > 0;
  return setupAudit(
    at,
    job,
    {
      // The response sheets Forms made count as setup's, as its dialog lists them.
      sheetsCreated:
        report.sheetsCreated.length +
        (forms ?? []).filter((outcome) => outcome.responseSheet === 'renamed').length,
      sheetsPresent:
        report.sheetsPresent.length +
        (forms ?? []).filter((outcome) => outcome.responseSheet === 'kept').length,
      configKeysAdded: report.configKeysAdded.length,
      dropDownsSet: report.choices.filter(({ outcome }) => outcome === 'created' || outcome === 'warningOnly')
        .length,
      units: report.units,
      codesGenerated: report.codesGenerated,
      forms: forms && {
        created: forms.filter((outcome) => outcome.status !== 'found').length,
        updated: forms.filter((outcome) => outcome.status === 'found' && changed(outcome)).length,
        present: forms.filter((outcome) => outcome.status === 'found' && !changed(outcome)).length,
      },
      triggers: {
        installed: report.triggers.filter((outcome) => outcome.action !== 'kept').length,
        present: report.triggers.filter((outcome) => outcome.action === 'kept').length,
      },
      timeZoneChangedFrom: report.timeZoneChangedFrom,
      notes: report.notes.length + (forms ?? []).reduce((sum, outcome) => sum + outcome.notes.length, 0),
    },
    user,
  );
}
