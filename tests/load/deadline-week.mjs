// The deadline week: N signed-in editors open their start page, open their entry form and save a draft, over
// and over, for D seconds, against the real app on 127.0.0.1 (autocannon drives the HTTP load).
// Afterwards every user's last saved text is read back through the app: a save that answered 302 must be there.
//
//   node tests/load/deadline-week.mjs BASE_URL USERS_JSON SECONDS RATE OUTPUT_JSON [WARMUP_SECONDS]
//
// A warm-up run at the same rate (default 15 s, not counted) comes first, so that the figures describe the
// running app rather than its first requests (JIT compilation, connection pool, caches).
// RATE caps the requests per second over all users (autocannon's overallRate); without a cap 100 connections
// would send requests back to back, which is a stress test, not 100 people at their desks.
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [base, usersFile, secondsText = '60', rateText = '50', output, warmupText = '15'] = process.argv.slice(2);
const users = JSON.parse(readFileSync(usersFile, 'utf8'));
const seconds = Number(secondsText);
const rate = Number(rateText);

const decode = (s) => s.replaceAll('&amp;', '&').replaceAll('&#x2B;', '+').replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=');
const tokenIn = (html) => decode(html.match(/name="__RequestVerificationToken" value="([^"]+)"/)[1]);
const field = (html, name) => html.match(new RegExp(`name="${name.replaceAll('.', '\\.')}" value="([^"]*)"`))?.[1] ?? '';

async function signIn(u) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let res = await fetch(`${base}/account/login`);
  keep(res);
  const login = await res.text();
  res = await fetch(`${base}/account/login`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _handler: 'login', __RequestVerificationToken: tokenIn(login), 'Input.UserName': u.user, 'Input.Password': u.password }),
  });
  keep(res);
  if (res.status !== 302) throw new Error(`sign-in of ${u.user} answered ${res.status}`);
  const entry = `/plans/${u.planId}/items/${u.itemId}/years/${u.year}/entry?dept=${u.departmentId}`;
  res = await fetch(base + entry, { headers: { cookie: cookie() } });
  keep(res);
  if (res.status !== 200) throw new Error(`entry form of ${u.user} answered ${res.status}`);
  return { ...u, cookie: cookie(), token: tokenIn(await res.text()), entry };
}

const sessions = [];
for (const u of users) sessions.push(await signIn(u));
console.log(`signed in ${sessions.length} users; running ${seconds} s at up to ${rate} requests/s`);

const latencies = [];
const stepLatencies = { startPage: [], entryForm: [], saveDraft: [] };
const byStatus = {};
const lastSaved = new Map();
let next = 0;
let saves = 0;
let errors = 0;

const timed = (build) => (req, ctx) => { ctx.t0 = performance.now(); return build(req, ctx); };
const record = (ctx, status, step) => {
  const ms = performance.now() - ctx.t0;
  latencies.push(ms);
  stepLatencies[step].push(ms);
  byStatus[status] = (byStatus[status] ?? 0) + 1;
  if (status >= 400) errors++;
};

const run = (duration) => autocannon({
  url: base,
  connections: sessions.length,
  duration,
  overallRate: rate,
  requests: [
    {
      method: 'GET',
      setupRequest: timed((req, ctx) => { ctx.s ??= sessions[next++ % sessions.length]; return { ...req, path: '/', headers: { cookie: ctx.s.cookie } }; }),
      onResponse: (status, body, ctx) => record(ctx, status, 'startPage'),
    },
    {
      method: 'GET',
      setupRequest: timed((req, ctx) => ({ ...req, path: ctx.s.entry, headers: { cookie: ctx.s.cookie } })),
      onResponse: (status, body, ctx) => {
        record(ctx, status, 'entryForm');
        ctx.form = { part: field(body, 'Input.PartVersion'), evaluation: field(body, 'Input.EvaluationVersion'), rating: field(body, 'Input.LoadedRating') };
      },
    },
    {
      method: 'POST',
      setupRequest: timed((req, ctx) => {
        ctx.n = (ctx.n ?? 0) + 1;
        ctx.text = `（負荷試験）${ctx.s.user} の ${ctx.n} 回目の下書き。締切前の入力を想定した長めの文章です。`.repeat(3);
        const body = new URLSearchParams({
          _handler: 'entry', __RequestVerificationToken: ctx.s.token,
          'Input.DepartmentId': String(ctx.s.departmentId), 'Input.PartVersion': ctx.form?.part ?? '',
          'Input.EvaluationVersion': ctx.form?.evaluation ?? '', 'Input.LoadedRating': ctx.form?.rating ?? '',
          'Input.Result': ctx.text, 'Input.Improvement': '次年度も継続する。', 'Input.SelfRating': ctx.form?.rating || 'A', 'Input.Action': 'draft',
        }).toString();
        return { ...req, path: ctx.s.entry, headers: { cookie: ctx.s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body };
      }),
      onResponse: (status, body, ctx) => {
        record(ctx, status, 'saveDraft');
        if (status === 302) { saves++; lastSaved.set(ctx.s.user, ctx.text); }
      },
    },
  ],
});

const warmup = Number(warmupText);
if (warmup > 0) {
  await run(warmup);
  console.log(`warm-up: ${latencies.length} requests in ${warmup} s (not counted)`);
  latencies.length = 0;
  for (const values of Object.values(stepLatencies)) values.length = 0;
  for (const key of Object.keys(byStatus)) delete byStatus[key];
  saves = 0;
  errors = 0;
}
const result = await run(seconds);

// Read every user's part back through the app: the last text the app confirmed must be the stored one.
let lost = 0;
for (const s of sessions) {
  const expected = lastSaved.get(s.user);
  if (!expected) continue;
  const html = await (await fetch(base + s.entry, { headers: { cookie: s.cookie } })).text();
  const stored = decode(html.match(/<textarea[^>]*id="result"[^>]*>([^<]*)<\/textarea>/)?.[1] ?? '');
  if (stored !== expected) { lost++; console.log(`lost save of ${s.user}: stored "${stored.slice(0, 40)}…"`); }
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return +sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1);
};
const pct = (p) => percentile(latencies, p);
latencies.sort((a, b) => a - b);
const summary = {
  users: sessions.length, seconds, warmupSeconds: warmup, rateCap: rate, requests: latencies.length, saves, errors, lostSaves: lost, byStatus,
  latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: +latencies.at(-1).toFixed(1) },
  byStep: Object.fromEntries(Object.entries(stepLatencies).map(([step, values]) => [step, { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) }])),
  autocannon: { requestsPerSecond: result.requests.average, latencyP97_5: result.latency.p97_5, latencyP99: result.latency.p99, timeouts: result.timeouts, errors: result.errors },
};
console.log(JSON.stringify(summary, null, 2));
if (output) writeFileSync(output, JSON.stringify(summary, null, 2));
process.exit(errors === 0 && lost === 0 ? 0 : 1);
