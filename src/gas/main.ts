// Entry points of the Apps Script project. Menus, triggers and google.script.run reach only
// top-level functions, so scripts/build.mjs exposes every export of this file as one: keep each
// a one-line delegation, and export nothing else from here.

import { installMenu, notifyNotYetAvailable } from './menu';

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  installMenu(SpreadsheetApp.getUi());
}

export function menuSetup(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuRefreshForms(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuRebuild(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuConsolidate(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuPreviewReminders(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuSendReminders(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuDashboard(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuExportReport(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuCheckConfig(): void {
  notifyNotYetAvailable(SpreadsheetApp.getActiveSpreadsheet());
}
