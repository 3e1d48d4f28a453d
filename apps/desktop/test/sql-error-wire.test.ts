/**
 * A SQL error keeps its place (line, column, position) on the way to the renderer, over both
 * transports: web mode's WebSocket and Electron's IPC (its reply is structured-cloned, as Electron
 * does). The SQL editor needs it to underline the error.
 */
import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Host } from '../src/host/host.ts';
import { toWireError } from '../src/host/rpc-dispatch.ts';
import { serveHostOverIpc } from '../src/main/host-ipc.ts';
import { HostError } from '../src/renderer/platform/host-error.ts';
import { ipcHost } from '../src/renderer/platform/ipc-client.ts';
import type { IpcReply } from '../src/shared/ipc.ts';
import { startHarness } from './rpc-harness.ts';
import { SqlError } from '@facet/engine/common';

describe('SQL errors over the wire', () => {
  it('carry line, column and position over the WebSocket, for queries and block runs', async () => {
    const { connect, host } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Errors' });

    const query = await api.engine
      .query({ sql: 'SELECT 1 AS x,\n  nope FROM range(3)' })
      .catch((e: unknown) => e);
    expect(query).toBeInstanceOf(HostError);
    expect(query).toMatchObject({ code: 'SQL', line: 2, column: 3, position: 17 });

    const [canvas] = await api.canvases.list();
    const doc = host.current().canvases.doc(canvas!.id);
    doc.add('sql', { name: 'base', sql: 'SELECT 1 AS x' });
    doc.add('sql', { name: 'bad', sql: 'SELECT x,\n  missing_column\nFROM base' });
    const run = await api.engine.runBlock(canvas!.id, 'bad').catch((e: unknown) => e);
    expect(run).toBeInstanceOf(HostError);
    const { line, column, position } = run as HostError;
    // Places are in the SQL that ran: the block with what it reads in front as a CTE.
    expect([line, column]).toEqual([5, 3]);
    expect(position).toBe('WITH "base" AS (\nSELECT 1 AS x\n)\nSELECT x,\n  '.length);
  });

  it('carry them over IPC, and errors without a place carry none', async () => {
    const { host } = await startHarness();
    const bridge = ipcBridge(host);
    const { api } = ipcHost(bridge);
    await api.projects.create({ name: 'Ipc' });
    const error = await api.engine.query({ sql: 'SELECT *\nFROM no_such_table' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'SQL', line: 2, column: 6, position: 14 });
    expect((error as HostError).message).toMatch(/no_such_table/);

    const other = await api.projects.open('/nowhere/at/all.facet').catch((e: unknown) => e);
    expect(other).toBeInstanceOf(HostError);
    expect(other).toMatchObject({ line: undefined, column: undefined, position: undefined });
  });

  it('puts only known places on the wire, and the renderer keeps only whole numbers', () => {
    expect(toWireError(new SqlError('Binder Error: x', { kind: 'Binder' }))).toEqual({
      code: 'SQL',
      message: 'Binder Error: x',
    });
    const hostile = new HostError('SQL', 'm', { line: '2', column: -1, position: 1.5 });
    expect([hostile.line, hostile.column, hostile.position]).toEqual([undefined, undefined, undefined]);
  });
});

/** serveHostOverIpc behind a stand-in for ipcMain and one trusted window, cloning replies like Electron. */
function ipcBridge(host: Host) {
  let handler: ((event: IpcMainInvokeEvent, method: unknown, args: unknown) => Promise<IpcReply>) | undefined;
  const ipcMain = {
    handle: (_channel: string, fn: typeof handler) => void (handler = fn),
    removeHandler: () => undefined,
  } as unknown as IpcMain;
  serveHostOverIpc(host, ipcMain, () => true);
  const sender = { id: 1, isDestroyed: () => false, send: () => undefined, once: () => undefined };
  const event = { senderFrame: { url: 'app://facet/index.html' }, sender } as unknown as IpcMainInvokeEvent;
  return {
    invoke: async (method: string, args: unknown[]): Promise<IpcReply> =>
      structuredClone(await handler!(event, method, args)),
    onEvent: () => () => undefined,
  };
}
