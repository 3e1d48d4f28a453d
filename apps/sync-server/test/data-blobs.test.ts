import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './harness.ts';
import { makeTeam, raw, type Team } from './versions-fixture.ts';

/**
 * Published data against a real relay: content-addressed uploads checked while they stream, chunked
 * storage shared between documents, ranges, size limits and quotas.
 */
const MiB = 1024 * 1024;
let relay: TestRelay;
let team: Team;

beforeAll(async () => {
  relay = await startTestRelay({ limits: { maxBlobBytes: 6 * MiB, docDataQuotaBytes: 10 * MiB } });
  team = await makeTeam(relay, 'data');
});
afterAll(async () => {
  await relay.stop();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function put(
  docId: string,
  body: Uint8Array,
  options: { hash?: string; name?: string; type?: string; token?: string } = {},
) {
  return raw(relay, 'PUT', `/api/docs/${docId}/data/${options.hash ?? sha(body)}`, {
    token: options.token ?? team.owner.token,
    body,
    headers: {
      'x-facet-name': encodeURIComponent(options.name ?? 'orders.parquet'),
      'content-type': options.type ?? 'application/vnd.apache.parquet',
    },
  });
}

async function count(sql: string, params: string[] = []): Promise<number> {
  return Number((await relay.db.get(sql, params))?.n);
}
const staged = () => count(`SELECT COUNT(*) AS n FROM blob_uploads`);
const chunksOf = (hash: string) => count('SELECT COUNT(*) AS n FROM blob_chunks WHERE blob_key = ?', [hash]);

describe('published data', () => {
  const big = randomBytes(5 * MiB + 123);

  it('stores a blob in chunks and serves it whole and in ranges', async () => {
    const res = await put(team.docId, big, { name: 'Orders 2024 — 订单.parquet' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      sha256: sha(big),
      name: 'Orders 2024 — 订单.parquet',
      mediaType: 'application/vnd.apache.parquet',
      size: big.byteLength,
      publishedBy: { id: team.owner.userId },
    });
    expect(await chunksOf(sha(big))).toBe(2);
    expect(await staged()).toBe(0);

    const list = await raw(relay, 'GET', `/api/docs/${team.docId}/data`, { token: team.viewer.token });
    expect(list.json).toMatchObject({
      items: [{ sha256: sha(big) }],
      usedBytes: big.byteLength,
      quotaBytes: 10 * MiB,
    });

    const got = await raw(relay, 'GET', `/api/docs/${team.docId}/data/${sha(big)}`, {
      token: team.viewer.token,
    });
    expect(got.status).toBe(200);
    expect(sha(got.bytes)).toBe(sha(big));
    expect(got.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Orders 2024 — 订单.parquet')}`,
    );

    const ranges: [string, number, number][] = [
      ['bytes=0-9', 0, 9],
      [`bytes=${4 * MiB - 5}-${4 * MiB + 4}`, 4 * MiB - 5, 4 * MiB + 4], // across the chunk boundary
      ['bytes=-7', big.byteLength - 7, big.byteLength - 1],
      [`bytes=${5 * MiB}-`, 5 * MiB, big.byteLength - 1],
      [`bytes=100-${10 * MiB}`, 100, big.byteLength - 1],
    ];
    for (const [header, start, end] of ranges) {
      const part = await raw(relay, 'GET', `/api/docs/${team.docId}/data/${sha(big)}`, {
        token: team.viewer.token,
        headers: { range: header },
      });
      expect(part.status, header).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/${big.byteLength}`);
      expect(Buffer.from(part.bytes).equals(big.subarray(start, end + 1)), header).toBe(true);
    }
    const past = await raw(relay, 'GET', `/api/docs/${team.docId}/data/${sha(big)}`, {
      token: team.viewer.token,
      headers: { range: `bytes=${big.byteLength}-` },
    });
    expect(past.status).toBe(416);
    const several = await raw(relay, 'GET', `/api/docs/${team.docId}/data/${sha(big)}`, {
      token: team.viewer.token,
      headers: { range: 'bytes=0-1,5-6' },
    });
    expect(several.status).toBe(200);
    expect(several.bytes.byteLength).toBe(big.byteLength);
  });

  it('stores a blob two documents publish once, counts it for each, and frees it with the last reference', async () => {
    const other = await relay.createDoc(team.owner.token, 'Second canvas');
    expect((await put(other, big, { name: 'same bytes' })).status).toBe(201);
    expect(await count('SELECT COUNT(*) AS n FROM data_blobs WHERE sha256 = ?', [sha(big)])).toBe(1);
    expect(await chunksOf(sha(big))).toBe(2);
    const otherList = await raw(relay, 'GET', `/api/docs/${other}/data`, { token: team.owner.token });
    expect(otherList.json).toMatchObject({ usedBytes: big.byteLength });

    // Publishing the same bytes again renames the entry and is not counted twice.
    const again = await put(other, big, { name: 'renamed', type: 'text/csv; charset=utf-8' });
    expect(again.json).toMatchObject({ name: 'renamed', mediaType: 'text/csv; charset=utf-8' });
    expect(
      (await raw(relay, 'GET', `/api/docs/${other}/data`, { token: team.owner.token })).json,
    ).toMatchObject({
      items: [{ name: 'renamed' }],
      usedBytes: big.byteLength,
    });

    expect(
      (await raw(relay, 'DELETE', `/api/docs/${other}/data/${sha(big)}`, { token: team.owner.token })).status,
    ).toBe(204);
    expect(await chunksOf(sha(big))).toBe(2);
    expect(
      (await raw(relay, 'GET', `/api/docs/${other}/data/${sha(big)}`, { token: team.owner.token })).status,
    ).toBe(404);
    expect(
      (await raw(relay, 'GET', `/api/docs/${team.docId}/data/${sha(big)}`, { token: team.owner.token }))
        .status,
    ).toBe(200);

    const only = randomBytes(1000);
    expect((await put(other, only)).status).toBe(201);
    expect(
      (await raw(relay, 'DELETE', `/api/docs/${other}/data/${sha(only)}`, { token: team.owner.token }))
        .status,
    ).toBe(204);
    expect(await chunksOf(sha(only))).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM data_blobs WHERE sha256 = ?', [sha(only)])).toBe(0);
  });

  it('refuses bodies past the size limit (413) and the document quota (507), leaving nothing behind', async () => {
    const doc = await relay.createDoc(team.owner.token, 'Quota');
    const tooBig = randomBytes(6 * MiB + 1);
    const refused = await put(doc, tooBig);
    expect(refused.status).toBe(413);
    expect(refused.json).toMatchObject({ error: { code: 'too_large' } });

    // The same without Content-Length: counted while it streams.
    const chunked = await fetch(`${relay.url}/api/docs/${doc}/data/${sha(tooBig)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${team.owner.token}`, 'x-facet-name': 'x' },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < tooBig.byteLength; i += MiB) c.enqueue(tooBig.subarray(i, i + MiB));
          c.close();
        },
      }),
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);

    const a = randomBytes(5 * MiB);
    const b = randomBytes(4 * MiB);
    expect((await put(doc, a)).status).toBe(201);
    expect((await put(doc, b)).status).toBe(201);
    const over = await put(doc, randomBytes(MiB + 1));
    expect(over.status).toBe(507);
    expect(over.json).toMatchObject({ error: { code: 'quota_exceeded' } });
    // Re-publishing bytes already counted does not count them twice.
    expect((await put(doc, b, { name: 'b again' })).status).toBe(201);
    expect(await staged()).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM blob_chunks WHERE blob_key LIKE 'upload:%'`)).toBe(0);
  });

  it('refuses a body whose hash differs from the URL, and a truncated one', async () => {
    const body = randomBytes(3000);
    const wrong = await put(team.docId, body, { hash: sha(randomBytes(10)) });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: { code: 'hash_mismatch' } });
    const truncated = await put(team.docId, body.subarray(0, 1500), { hash: sha(body) });
    expect(truncated.status).toBe(400);
    expect(await staged()).toBe(0);
    expect(
      (await raw(relay, 'GET', `/api/docs/${team.docId}/data/${sha(body)}`, { token: team.owner.token }))
        .status,
    ).toBe(404);
  });

  it('cleans up after a client that hangs up mid-upload, or promises more bytes than it sends', async () => {
    const body = randomBytes(2 * MiB);
    const url = new URL(`${relay.url}/api/docs/${team.docId}/data/${sha(body)}`);
    const headers = {
      authorization: `Bearer ${team.owner.token}`,
      'x-facet-name': 'hang-up',
      'content-length': String(body.byteLength),
    };
    await new Promise<void>((resolve) => {
      const req = request(url, { method: 'PUT', headers });
      req.on('error', () => resolve());
      req.write(body.subarray(0, MiB), () => setTimeout(() => req.destroy(), 100));
    });
    await expect.poll(staged).toBe(0);

    // Content-Length says 2 MiB, the client sends 1 MiB and closes its side.
    const answer = await new Promise<number | 'closed'>((resolve) => {
      const req = request(url, { method: 'PUT', headers });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => resolve('closed'));
      req.write(body.subarray(0, MiB), () => req.socket?.end());
    });
    if (answer !== 'closed') expect(answer).toBe(400);
    await expect.poll(staged).toBe(0);
    expect((await fetch(`${relay.url}/health`)).status).toBe(200);
  });

  it('drops the data of a deleted document', async () => {
    const doc = await relay.createDoc(team.owner.token, 'Doomed');
    const body = randomBytes(500);
    expect((await put(doc, body)).status).toBe(201);
    expect((await relay.api('DELETE', `/api/docs/${doc}`, { token: team.owner.token })).status).toBe(204);
    await expect.poll(() => chunksOf(sha(body))).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM doc_data WHERE doc_id = ?', [doc])).toBe(0);
  });
});
