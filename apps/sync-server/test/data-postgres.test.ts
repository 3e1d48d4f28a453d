import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../src/data/blob-store.ts';
import { HttpError } from '../src/http/http-error.ts';
import { startTestRelay, type TestRelay } from './harness.ts';
import { startPostgres, type RunningService } from './services.ts';
import { makeTeam, raw, serverErrors, type Team } from './versions-fixture.ts';

/**
 * Published data (and versions) on Postgres, shared by two relays: a blob published through one is
 * served by the other; publishes and deletes of the same blob racing on two relays never leave a
 * reference without its bytes.
 */
let postgres: RunningService;
let a: TestRelay;
let b: TestRelay;
let team: Team;

// Tokens issued by one relay are honoured by the other: same issuer, same signing secret.
const shared = { publicUrl: 'http://relay.test', jwtSecret: 'data-postgres-test-secret-0123456789abcdef' };
const sha = (x: Uint8Array) => createHash('sha256').update(x).digest('hex');

beforeAll(async () => {
  postgres = await startPostgres();
  a = await startTestRelay({ ...shared, postgresUrl: postgres.url });
  b = await startTestRelay({ ...shared, postgresUrl: postgres.url });
  team = await makeTeam(a, 'pg');
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await postgres?.stop();
});

function put(relay: TestRelay, docId: string, body: Uint8Array) {
  return raw(relay, 'PUT', `/api/docs/${docId}/data/${sha(body)}`, {
    token: team.owner.token,
    body,
    headers: { 'x-facet-name': encodeURIComponent('données.parquet') },
  });
}

describe('published data on Postgres', () => {
  it('runs on Postgres', () => {
    expect(a.db.dialect.name).toBe('postgres');
  });

  it('serves through one relay what was published through the other', async () => {
    const body = randomBytes(4 * 1024 * 1024 + 77);
    expect((await put(a, team.docId, body)).status).toBe(201);
    const got = await raw(b, 'GET', `/api/docs/${team.docId}/data/${sha(body)}`, {
      token: team.viewer.token,
    });
    expect(got.status).toBe(200);
    expect(sha(got.bytes)).toBe(sha(body));
    const part = await raw(b, 'GET', `/api/docs/${team.docId}/data/${sha(body)}`, {
      token: team.viewer.token,
      headers: { range: `bytes=${4 * 1024 * 1024 - 1}-${4 * 1024 * 1024 + 1}` },
    });
    expect(Buffer.from(part.bytes).equals(body.subarray(4 * 1024 * 1024 - 1, 4 * 1024 * 1024 + 2))).toBe(
      true,
    );
    expect(
      (await raw(b, 'DELETE', `/api/docs/${team.docId}/data/${sha(body)}`, { token: team.owner.token }))
        .status,
    ).toBe(204);
    expect(
      Number((await a.db.get('SELECT COUNT(*) AS n FROM blob_chunks WHERE blob_key = ?', [sha(body)]))?.n),
    ).toBe(0);
  });

  it('keeps every reference backed by its bytes when publishes and deletes race on two relays', async () => {
    const docs = [
      team.docId,
      await a.createDoc(team.owner.token, 'second'),
      await a.createDoc(team.owner.token, 'third'),
    ];
    const body = randomBytes(64 * 1024);
    const hash = sha(body);
    for (let round = 0; round < 8; round++) {
      await Promise.all(
        docs.flatMap((doc, i) => {
          const relay = (round + i) % 2 === 0 ? a : b;
          return [
            put(relay, doc, body),
            raw(relay === a ? b : a, 'DELETE', `/api/docs/${doc}/data/${hash}`, { token: team.owner.token }),
          ];
        }),
      );
      const refs = Number((await a.db.get('SELECT COUNT(*) AS n FROM doc_data WHERE sha256 = ?', [hash]))?.n);
      const blobs = Number(
        (await a.db.get('SELECT COUNT(*) AS n FROM data_blobs WHERE sha256 = ?', [hash]))?.n,
      );
      const chunks = Number(
        (await a.db.get('SELECT COUNT(*) AS n FROM blob_chunks WHERE blob_key = ?', [hash]))?.n,
      );
      expect(blobs, `round ${round}`).toBe(refs > 0 ? 1 : 0);
      expect(chunks, `round ${round}`).toBe(refs > 0 ? 1 : 0);
      for (const doc of docs) {
        const listed = await raw(a, 'GET', `/api/docs/${doc}/data`, { token: team.owner.token });
        for (const item of (listed.json as { items: { sha256: string }[] }).items) {
          const got = await raw(b, 'GET', `/api/docs/${doc}/data/${item.sha256}`, {
            token: team.owner.token,
          });
          expect(sha(got.bytes)).toBe(item.sha256);
        }
      }
    }
    expect(Number((await a.db.get('SELECT COUNT(*) AS n FROM blob_uploads'))?.n)).toBe(0);
    expect(await serverErrors(a)).toBe(0);
    expect(await serverErrors(b)).toBe(0);
  });

  it('a delete waits for a publish holding the blob, and then keeps the bytes the publish now uses', async () => {
    const other = await a.createDoc(team.owner.token, 'fourth');
    const body = randomBytes(2048);
    const hash = sha(body);
    expect((await put(a, team.docId, body)).status).toBe(201);
    // Play the publish's part by hand: lock the blob, add a reference, commit later.
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT sha256 FROM data_blobs WHERE sha256 = $1 FOR UPDATE', [hash]);
      let done = false;
      const deleting = raw(b, 'DELETE', `/api/docs/${team.docId}/data/${hash}`, {
        token: team.owner.token,
      }).then((r) => {
        done = true;
        return r.status;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      await client.query(
        `INSERT INTO doc_data (doc_id, sha256, name, media_type, size, published_by, published_at)
           VALUES ($1, $2, 'by hand', 'application/octet-stream', $3, NULL, 0)`,
        [other, hash, body.byteLength],
      );
      await client.query('COMMIT');
      expect(await deleting).toBe(204);
    } finally {
      await client.end();
    }
    const got = await raw(a, 'GET', `/api/docs/${other}/data/${hash}`, { token: team.owner.token });
    expect(sha(got.bytes)).toBe(hash);
  });

  it('stores in small chunks, reads any range, and sweeps abandoned uploads (BlobStore)', async () => {
    let now = 1_000_000;
    const store = new BlobStore(a.db, () => now, 1000);
    const body = randomBytes(10_500);
    const staged = await store.stage(
      team.docId,
      Readable.from([body.subarray(0, 3333), body.subarray(3333)]),
      1e6,
      () => new Error('big'),
    );
    expect(staged).toMatchObject({ sha256: sha(body), size: body.byteLength });
    await store.publish(
      staged,
      { docId: team.docId, name: 'small chunks', mediaType: 'text/plain', publishedBy: team.owner.userId },
      1e9,
    );
    expect(
      Number((await a.db.get('SELECT COUNT(*) AS n FROM blob_chunks WHERE blob_key = ?', [sha(body)]))?.n),
    ).toBe(11);
    for (const [start, end] of [
      [0, 10_499],
      [999, 1000],
      [1000, 1999],
      [10_000, 20_000],
      [4321, 4321],
    ] as const) {
      const parts: Uint8Array[] = [];
      for await (const p of store.read(sha(body), start, end)) parts.push(p);
      expect(Buffer.concat(parts).equals(body.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
    // Past the limit: refused while streaming, nothing left behind.
    await expect(
      store.stage(team.docId, Readable.from([body]), 5000, () => new HttpError(413, 'too_large', 'big')),
    ).rejects.toThrow('big');
    // An upload its relay abandoned is swept once it has been idle long enough.
    const abandoned = await store.stage(team.docId, Readable.from([body]), 1e6, () => new Error('big'));
    now += 59 * 60 * 1000;
    expect(await store.sweep()).toBe(0);
    now += 2 * 60 * 1000;
    expect(await store.sweep()).toBe(1);
    expect(
      Number(
        (
          await a.db.get('SELECT COUNT(*) AS n FROM blob_chunks WHERE blob_key = ?', [
            `upload:${abandoned.uploadId}`,
          ])
        )?.n,
      ),
    ).toBe(0);
    expect(Number((await a.db.get('SELECT COUNT(*) AS n FROM blob_uploads'))?.n)).toBe(0);
  });

  it('keeps versions and merges branches on Postgres', async () => {
    const client = await a.connect(team.docId, team.owner.token);
    client.doc.getMap('blocks');
    const v1 = await a.api('POST', `/api/docs/${team.docId}/versions`, {
      token: team.owner.token,
      json: { name: 'v1' },
    });
    const v2 = await b.api('POST', `/api/docs/${team.docId}/versions`, {
      token: team.owner.token,
      json: { name: 'v2' },
    });
    const list = await b.api(
      'GET',
      `/api/docs/${team.docId}/versions?before=${(v2.body as { id: string }).id}`,
      {
        token: team.viewer.token,
      },
    );
    expect((list.body as unknown as { id: string }[]).map((v) => v.id)).toEqual([
      (v1.body as { id: string }).id,
    ]);
    const branch = await b.api('POST', `/api/docs/${team.docId}/branches`, {
      token: team.editor.token,
      json: { name: 'pg branch' },
    });
    expect(branch.status).toBe(201);
    const merged = await b.api('POST', `/api/docs/${(branch.body as { id: string }).id}/merge`, {
      token: team.editor.token,
    });
    expect(merged.status).toBe(200);
    client.destroy();
  });
});
