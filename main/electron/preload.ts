import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

/**
 * Runs sandboxed (bundled to CommonJS by scripts/build-electron.mjs) with context isolation: the
 * page sees only `window.redress` = { invoke, on } for the contract's channels and events.
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation
 */
contextBridge.exposeInMainWorld('redress', createBridge(ipcRenderer));
