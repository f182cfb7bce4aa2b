export { appDir, appEntry, runAppToExit, startApp } from './app-process.js';
export type { AppProcess, LogLine, StartAppOptions } from './app-process.js';
export { connect } from './client.js';
export type { TestClient } from './client.js';
export { clientFrame, openRawWebSocket } from './raw-socket.js';
export type { RawWebSocket } from './raw-socket.js';
