#!/usr/bin/env bash
# Proves what the Docker image would run, without a Docker engine (none runs on our machines):
#   1. the build stage: `npm run build` (codegen, playground bundle if any, tsc, schema + WSDLs);
#   2. the runtime stage in a temp dir: package.json + package-lock.json, `npm ci --omit=dev`, and
#      exactly the `COPY --from=build` lines of the Dockerfile (read from it, so they cannot drift);
#   3. the runtime files hold no simulator (a development package, simulator/) and no
#      fast-xml-parser or tsx: neither in dist/ nor in the production node_modules;
#   4. the production gateway without GENESYS_* URLs exits 1 naming them (no demo fallback);
#   5. from a different working directory (paths must be module-relative), the simulator (from
#      this checkout, `simulator/src/main.ts` through tsx: it is not in the image) and the gateway
#      (`node dist/src/main.js`, NODE_ENV=production) on loopback ports; then /healthz, the
#      HEALTHCHECK command, /readyz = 200, one real query (token check, WFM REST, SOAP with the
#      bundled WSDLs), introspection refused; then SIGTERM and a clean exit 0.
# Prints "verify-image-files: OK …" or "verify-image-files: FAILED …" and exits accordingly.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$(mktemp -d)"
app="$work/app"
sim_pid=""
gw_pid=""

fail() {
  echo "verify-image-files: FAILED — $*"
  for f in "$work/simulator.log" "$work/gateway.log"; do
    [ -f "$f" ] && { echo "--- $(basename "$f") (last 20 lines)"; tail -n 20 "$f"; }
  done
  exit 1
}
cleanup() {
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null || true
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# node as the HTTP client (the image has no curl either). Prints "<status> <body>".
http() { # method url [body] [authorization]
  node -e '
    const [method, url, body, auth] = process.argv.slice(1);
    const headers = { "content-type": "application/json" };
    if (auth) headers.authorization = auth;
    const req = require("node:http").request(url, { method, headers, timeout: 10000 }, (res) => {
      let text = ""; res.setEncoding("utf8");
      res.on("data", (c) => (text += c)).on("end", () => console.log(res.statusCode, text));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) => { console.log("000", e.message); });
    req.end(body || undefined);
  ' "$@"
}
free_port() {
  node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

echo "verify-image-files: build stage (npm run build)"
npm run build --silent >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "npm run build"; }

echo "verify-image-files: runtime stage in $app"
mkdir -p "$app"
cp package.json package-lock.json "$app/"
(cd "$app" && npm ci --omit=dev --no-audit --no-fund --prefer-offline --loglevel=error) >"$work/npm.log" 2>&1 ||
  { cat "$work/npm.log"; fail "npm ci --omit=dev"; }
copies=0
while read -r _copy from_build rest; do
  [ "$from_build" = "--from=build" ] || continue
  read -r -a args <<<"$rest"
  paths=()
  for a in "${args[@]}"; do [[ "$a" == --* ]] || paths+=("$a"); done
  src="${paths[0]#/app/}"
  dst="${paths[1]#./}"
  [ -e "$repo/$src" ] || fail "Dockerfile copies /app/$src, which the build did not produce"
  mkdir -p "$(dirname "$app/$dst")"
  cp -a "$repo/$src" "$app/$dst"
  copies=$((copies + 1))
done < <(grep -E '^COPY --from=build ' Dockerfile)
[ "$copies" -gt 0 ] || fail "no COPY --from=build line in the Dockerfile"
for f in dist/src/main.js dist/src/healthcheck.js dist/schema dist/schema/federation/subgraph.graphql dist/src/upstream/engage/soap/wsdl/WFMScheduleService852.wsdl; do
  [ -e "$app/$f" ] || fail "the runtime files lack $f"
done
[ ! -e "$app/node_modules/vitest" ] || fail "dev dependencies present in the runtime stage"
for pkg in @genesys-gateway/simulator fast-xml-parser tsx; do
  [ ! -e "$app/node_modules/$pkg" ] || fail "the runtime stage installs $pkg (development only)"
done
sim_files="$(find "$app/dist" \( -ipath '*/simulator/*' -o -name 'createSimulator.*' -o -name 'seed.js' \) -print)"
[ -z "$sim_files" ] || fail "simulator files in the production build: $sim_files"
if grep -rlE "from ['\"](fast-xml-parser|tsx)['\"]|require\(['\"](fast-xml-parser|tsx)['\"]\)" "$app/dist"; then
  fail "the production build imports fast-xml-parser or tsx"
fi
echo "verify-image-files: no simulator file, fast-xml-parser or tsx in the runtime files"

# CONTRACT §2: the image (NODE_ENV=production) without GENESYS_* URLs refuses to start, naming them.
set +e
refused="$(cd / && env -i PATH="$PATH" HOME="$work" NODE_ENV=production HOST=127.0.0.1 PORT=0 \
  timeout 20 node "$app/dist/src/main.js" 2>&1)"
refused_code=$?
set -e
[ "$refused_code" = "1" ] || fail "without GENESYS_* URLs the production gateway exited $refused_code, not 1: ${refused:0:300}"
[[ "$refused" == *"GENESYS_AUTH_URL, GENESYS_WFM_URL, GENESYS_WFM_LOCATOR_URL must be set when NODE_ENV=production"* ]] ||
  fail "the refusal does not name the GENESYS_* variables: ${refused:0:300}"
echo "verify-image-files: NODE_ENV=production without GENESYS_* URLs → exit 1 naming them"

sim_port="$(free_port)"
gw_port="$(free_port)"
base="http://127.0.0.1:$sim_port"
cd / # not the repository: every runtime file must be found relative to its module

env -i PATH="$PATH" HOME="$work" SIMULATOR_PORT="$sim_port" SIMULATOR_RATE_LIMIT=0 \
  node --import "$repo/node_modules/tsx/dist/esm/index.mjs" "$repo/simulator/src/main.ts" >"$work/simulator.log" 2>&1 &
sim_pid=$!
env -i PATH="$PATH" HOME="$work" NODE_ENV=production HOST=127.0.0.1 PORT="$gw_port" LOG_LEVEL=info \
  GENESYS_AUTH_URL="$base/auth/v3" GENESYS_WFM_URL="$base/wfm/api/v3" \
  GENESYS_WFM_LOCATOR_URL="$base/?Handler=WFMLocatorService800" \
  node "$app/dist/src/main.js" >"$work/gateway.log" 2>&1 &
gw_pid=$!

gw="http://127.0.0.1:$gw_port"
ready=""
for _ in $(seq 1 60); do
  out="$(http GET "$gw/readyz")"
  if [ "${out%% *}" = "200" ]; then ready="$out"; break; fi
  kill -0 "$gw_pid" 2>/dev/null || fail "the gateway exited during start-up"
  sleep 0.5
done
[ -n "$ready" ] || fail "/readyz never answered 200 (last: $out)"
echo "verify-image-files: /readyz → $ready"

out="$(http GET "$gw/healthz")"
[ "${out%% *}" = "200" ] || fail "/healthz answered $out"
(cd "$app" && PORT="$gw_port" node dist/src/healthcheck.js) || fail "the HEALTHCHECK command failed"

token="$(cd "$app" && node -e '
  const body = "grant_type=password&scope=*&password=demo-password&username=" + encodeURIComponent("demo\\sam.supervisor");
  const req = require("node:http").request(process.argv[1] + "/auth/v3/oauth/token", { method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Basic " + Buffer.from("demo-client:demo-secret").toString("base64") } },
    (res) => { let t = ""; res.on("data", (c) => (t += c)).on("end", () => console.log(JSON.parse(t).access_token)); });
  req.end(body);' "$base")"
out="$(http POST "$gw/graphql" '{"query":"{ me { user { username } } sites { id name } }"}' "Bearer $token")"
[[ "$out" == 200* && "$out" == *'"sites":[{'* ]] || fail "a real query through REST and SOAP answered: ${out:0:300}"
echo "verify-image-files: query through REST + SOAP → ${out:0:120}…"
out="$(http POST "$gw/graphql" '{"query":"{ __schema { types { name } } }"}' "Bearer $token")"
[ "${out%% *}" = "400" ] || fail "introspection is not off in production: ${out:0:200}"

kill -TERM "$gw_pid"
for _ in $(seq 1 40); do kill -0 "$gw_pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$gw_pid" 2>/dev/null; then fail "the gateway did not exit within 10 s of SIGTERM"; fi
set +e
wait "$gw_pid"
code=$?
set -e
gw_pid=""
[ "$code" = "0" ] || fail "the gateway exited $code after SIGTERM"
grep -q '"msg":"shut down"' "$work/gateway.log" || fail "no 'shut down' log line after SIGTERM"
if grep -q "$token" "$work/gateway.log"; then fail "the gateway log contains a raw token"; fi

echo "verify-image-files: OK — the runtime files start (NODE_ENV=production), /readyz 200, HEALTHCHECK 0, query 200, introspection 400, SIGTERM → exit 0"
