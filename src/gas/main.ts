// Entry points of the Apps Script project. Menus, triggers and google.script.run reach only
// top-level functions, so scripts/build.mjs exposes every export of this file as one: keep each
// a one-line delegation, and export nothing else from here.

import { runCheckConfigMenu } from './config-check-dialog';
import { runDashboardMenu } from './dashboard-sidebar';
import { runExportReportMenu } from './city-report-doc';
import { installMenu } from './menu';
import {
  runConsolidate,
  runPreviewReminders,
  runRebuild,
  runRefreshForms,
  runSendReminders,
} from './menu-handlers';
import { appsScriptServices } from './services';
import { runNewYearMenu } from './new-year-menu';
import { runSetupMenu } from './setup';
import { handleContinuation } from './resumable-jobs';
import { handleDailyRun, handleFormSubmit, handleReviewEdit } from './trigger-handlers';

// onOpen runs as a simple trigger, without the officer's authorization: it touches only the Ui.
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  installMenu(SpreadsheetApp.getUi());
}

export function menuSetup(): void {
  runSetupMenu(appsScriptServices());
}

export function menuRefreshForms(): void {
  runRefreshForms(appsScriptServices());
}

export function menuRebuild(): void {
  runRebuild(appsScriptServices());
}

export function menuConsolidate(): void {
  runConsolidate(appsScriptServices());
}

export function menuPreviewReminders(): void {
  runPreviewReminders(appsScriptServices());
}

export function menuSendReminders(): void {
  runSendReminders(appsScriptServices());
}

export function menuDashboard(): void {
  runDashboardMenu(appsScriptServices());
}

export function menuExportReport(): void {
  runExportReportMenu(appsScriptServices());
}

export function menuCheckConfig(): void {
  runCheckConfigMenu(appsScriptServices());
}

export function onFormSubmitPlan(event?: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  handleFormSubmit(appsScriptServices(), 'plan', event);
}

export function onFormSubmitReport(event?: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  handleFormSubmit(appsScriptServices(), 'report', event);
}

export function onDailyRun(): void {
  handleDailyRun(appsScriptServices());
}

export function onEditReview(event?: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleReviewEdit(appsScriptServices(), event);
}

export function onContinueJobs(event?: { readonly triggerUid?: string }): void {
  handleContinuation(appsScriptServices(), event);
}

export function menuNewYear(): void {
  runNewYearMenu(appsScriptServices());
}
