import { AuthMessageType } from '@hocuspocus/common';
import { MessageType, type WebSocketLike } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { CloseCodes } from './close-codes.ts';
import type { SocketAdapter } from './attach-socket.ts';

/**
 * Lets standard `y-websocket` clients join a document at `/yjs/<docId>?token=…`. y-websocket speaks the
 * same sync and awareness messages as Hocuspocus minus the document address and the auth handshake, so
 * the bridge adds the address to what the client sends, answers Hocuspocus's auth on the client's
 * behalf with the token from the URL, and strips what y-websocket would not understand from replies.
 */
export function yWebsocketAdapter(ws: WebSocket, docId: string, token: string): SocketAdapter {
  const prefix = (() => {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, docId);
    return encoding.toUint8Array(e);
  })();

  const auth = encoding.createEncoder();
  encoding.writeVarString(auth, docId);
  encoding.writeVarUint(auth, MessageType.Auth);
  encoding.writeVarUint(auth, AuthMessageType.Token);
  encoding.writeVarString(auth, token);

  const socket: WebSocketLike = {
    get readyState() {
      return ws.readyState;
    },
    close: (code, reason) => ws.close(code, reason),
    send(data) {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      const decoder = decoding.createDecoder(bytes);
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      const rest = bytes.subarray(decoder.pos);
      switch (type) {
        case MessageType.Sync:
        case MessageType.SyncReply:
          return ws.send(concat(0, rest));
        case MessageType.Awareness:
          return ws.send(concat(1, rest));
        case MessageType.Auth: {
          if (decoding.readVarUint(decoder) !== AuthMessageType.PermissionDenied) return;
          const reason = decoding.readVarString(decoder);
          const close =
            reason === CloseCodes.unauthorized.reason ? CloseCodes.unauthorized : CloseCodes.forbidden;
          return ws.close(close.code, close.reason);
        }
        default:
          // Stateless, sync-status and close messages have no y-websocket equivalent.
          return;
      }
    },
  };

  return {
    socket,
    preamble: [encoding.toUint8Array(auth)],
    incoming(data) {
      const frame = new Uint8Array(prefix.byteLength + data.byteLength);
      frame.set(prefix);
      frame.set(data, prefix.byteLength);
      return frame;
    },
  };
}

function concat(type: number, rest: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + rest.byteLength);
  out[0] = type;
  out.set(rest, 1);
  return out;
}
