import { AuthMessageType } from '@hocuspocus/common';
import { MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** Largest stateless payload a client may send (comments and cursors travel as awareness or REST). */
const MAX_STATELESS_CHARS = 64 * 1024;

export type FrameCheck =
  | {
      ok: true;
      documentName: string;
      type: number;
      /** keep-alive frames that carry nothing to apply */ ignore: boolean;
    }
  | { ok: false; problem: string };

function checkAwareness(decoder: decoding.Decoder): void {
  const update = decoding.readVarUint8Array(decoder);
  const inner = decoding.createDecoder(update);
  const count = decoding.readVarUint(inner);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(inner); // client id
    decoding.readVarUint(inner); // clock
    JSON.parse(decoding.readVarString(inner));
  }
  if (decoding.hasContent(inner)) throw new Error('trailing bytes in awareness update');
}

/**
 * Checks that a client frame is a well-formed Hocuspocus message before any of it reaches Hocuspocus,
 * so garbage closes that one connection with a documented code instead of reaching library code paths.
 * That includes the state vector or Yjs update inside a sync message: Hocuspocus would otherwise throw
 * on it while handling the message, which closes only its document connection and leaves the socket open.
 */
export function checkFrame(data: Uint8Array): FrameCheck {
  try {
    const decoder = decoding.createDecoder(data);
    const address = decoding.readVarString(decoder);
    const documentName = address.split('\0')[0] ?? '';
    if (!documentName.trim()) return { ok: false, problem: 'empty document name' };
    const type = decoding.readVarUint(decoder);
    let ignore = false;
    switch (type) {
      case MessageType.Sync:
      case MessageType.SyncReply: {
        const step = decoding.readVarUint(decoder);
        if (step > 2) return { ok: false, problem: `unknown sync step ${step}` };
        const payload = decoding.readVarUint8Array(decoder);
        if (step === 0) Y.decodeStateVector(payload);
        else Y.decodeUpdate(payload);
        break;
      }
      case MessageType.Awareness:
        checkAwareness(decoder);
        break;
      case MessageType.Auth: {
        const authType = decoding.readVarUint(decoder);
        if (authType !== AuthMessageType.Token)
          return { ok: false, problem: `unknown auth message ${authType}` };
        decoding.readVarString(decoder);
        if (decoding.hasContent(decoder)) decoding.readVarString(decoder); // provider version
        break;
      }
      case MessageType.Stateless: {
        if (decoding.readVarString(decoder).length > MAX_STATELESS_CHARS)
          return { ok: false, problem: 'stateless payload too large' };
        break;
      }
      case MessageType.QueryAwareness:
      case MessageType.CLOSE:
        break;
      case MessageType.Ping:
      case MessageType.Pong:
        ignore = true;
        break;
      default:
        return { ok: false, problem: `message type ${type} is not accepted from clients` };
    }
    if (decoding.hasContent(decoder)) return { ok: false, problem: 'trailing bytes' };
    return { ok: true, documentName, type, ignore };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : 'undecodable frame' };
  }
}
