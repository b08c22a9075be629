/** The web debugger: a page on 127.0.0.1 that is a view of one Simulator session (see server.ts). */
export { startWebDebugger, restartFromProject, DEFAULT_DEBUGGER_PORT, type WebDebugger, type WebDebuggerOptions } from './server';
export { DebugSession, type RecordingStart } from './debug-session';
export { exportTest, exportSayScript, exportFileName } from './export';
export { isLoopback } from './origin-guard';
export type * from './protocol';
