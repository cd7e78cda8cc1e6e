#!/usr/bin/env bash
# End-to-end client flow through the real `curl` binary against the real
# `tldmon serve`, the way the public libcurl (PHP) MoSAPI clients do it
# (mosapi-api.md §10.2, §10.3): a cookie-jar file (-c/-b), Basic credentials
# on login only, `Accept: application/json` and `Accept-Encoding: gzip` on data
# calls, logout called twice (the second answers 401), then a data call after
# logout (401 with the exact §4.3 text). Runs the flow over HTTP, then over
# HTTPS verifying the server's generated certificate with --cacert.
#
# Usage: curl_client_flow.sh TLDMON_BINARY
# Every wait is bounded; the server is always stopped (trap).
set -euo pipefail

tldmon=${1:?usage: curl_client_flow.sh TLDMON_BINARY}
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing (scripts/install-deps)"; exit 1; }
done

readonly USER_NAME=example_ry PASSWORD=demo ENTITY=ry/example
# mosapi-api.md §4.3: the answer to a data call without a usable session.
readonly UNAUTHENTICATED='The client could not be authenticated using any of the available methods: TLS-Client-Authentication or Session Cookie.'

work=$(mktemp -d /tmp/tldmon_e2e_XXXXXX)
server_pid=""
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  # Bounded wait for a graceful exit, then no mercy.
  timeout 15 tail --pid="$server_pid" -f /dev/null 2>/dev/null || kill -KILL "$server_pid" 2>/dev/null || true
  local status=0
  wait "$server_pid" 2>/dev/null || status=$?
  server_pid=""
  return "$status"
}
cleanup() {
  stop_server || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

checks=0
failures=0
step=""
fail() {
  echo "FAIL [$step]: $*"
  for f in "$work/headers" "$work/body"; do
    [ -s "$f" ] && { echo "--- ${f##*/}:"; head -c 2000 "$f"; echo; }
  done
  [ -s "$work/serve.err" ] && { echo "--- server stderr (tail):"; tail -n 20 "$work/serve.err"; }
  exit 1
}
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  local what=$1
  shift
  checks=$((checks + 1))
  "$@" >/dev/null 2>&1 || fail "$what"
}
header() {  # header NAME: the value of a response header (last response), lower-case name match
  awk -v n="$(echo "$1" | tr 'A-Z' 'a-z')" -F': ' \
      'tolower($1) == n { sub(/\r$/, "", $2); v = $2 } END { print v }' "$work/headers"
}

# ---- a seeded data directory and the server ----
data="$work/data"
step="seed"
timeout 600 "$tldmon" demo --once --data "$data" >"$work/demo.log" 2>&1 ||
  { tail -n 20 "$work/demo.log"; fail "tldmon demo --once failed"; }

step="serve"
mkfifo "$work/serve.out"
"$tldmon" serve --data "$data" --http 127.0.0.1:0 --https 127.0.0.1:0 \
  >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
exec 3<"$work/serve.out"
http_base="" https_base=""
# "serve: listening on <url>" per endpoint, the real port when :0 was asked.
while IFS= read -r -t 60 line <&3; do
  case "$line" in
    *"listening on http://"*) http_base=${line##* } ;;
    *"listening on https://"*) https_base=${line##* } ;;
  esac
  [ -n "$http_base" ] && [ -n "$https_base" ] && break
done
[ -n "$http_base" ] && [ -n "$https_base" ] || fail "no 'listening on' lines within 60 s"
cat <&3 >/dev/null &  # keep draining the server's output
exec 3<&-
check "serve.json names the bound HTTP endpoint" \
  jq -e --arg u "$http_base" 'any(.endpoints[]; .url == $u and .tls == false)' "$data/serve.json"
cert=$(jq -r '.certificate' "$data/serve.json")
check "the generated certificate exists" test -s "$cert"

# ---- one client session, as the PHP clients run it ----
# request URL CURL_ARGS...: sets $code; headers and body in $work/headers, $work/body.
request() {
  local url=$1
  shift
  : >"$work/headers"
  : >"$work/body"
  code=$(curl -sS --max-time 10 "${tls_args[@]}" -c "$jar" -b "$jar" -D "$work/headers" \
              -o "$work/body" -w '%{http_code}' "$@" "$url") || fail "curl could not reach $url"
}
data_call() {  # data_call PATH: a MoSAPI data call with the client's headers
  request "$base/$ENTITY/v2/$1" -H 'Accept: application/json' -H 'Accept-Encoding: gzip' --compressed
}
expect_json_200() {  # expect_json_200 JQ_FILTER
  [ "$code" = 200 ] || fail "expected 200, got $code"
  check "Content-Type is application/json" grep -qi '^content-type: application/json' "$work/headers"
  check "the body satisfies $1" jq -e "$1" "$work/body"
}
jar_cookie() {  # the id cookie's line in the Netscape jar (empty if none)
  awk '$6 == "id"' "$jar" 2>/dev/null || true
}

client_flow() {  # client_flow SCHEME BASE_URL
  local scheme=$1
  base=$2
  jar="$work/cookies.$scheme.txt"
  tls_args=()
  [ "$scheme" = https ] && tls_args=(--cacert "$cert" --tlsv1.2)

  step="$scheme login"
  request "$base/$ENTITY/login" -u "$USER_NAME:$PASSWORD"
  [ "$code" = 200 ] || fail "login: expected 200, got $code"
  check "login body" grep -qx 'Login successful' "$work/body"
  # §4.2 project default: the id cookie, 40 hex digits, Path=/<entity>/<id>,
  # HttpOnly, Secure only over TLS (docs/auth.md).
  local cookie
  cookie=$(jar_cookie)
  [ -n "$cookie" ] || fail "login set no id cookie in the jar"
  check "cookie value is 160 bits in hex" \
    bash -c '[[ "$1" =~ ^[0-9A-F]{40}$ ]]' _ "$(echo "$cookie" | awk '{ print $7 }')"
  check "cookie path is /$ENTITY" test "$(echo "$cookie" | awk '{ print $3 }')" = "/$ENTITY"
  check "cookie is HttpOnly" grep -q '^#HttpOnly_' <<<"$cookie"
  local secure=FALSE
  [ "$scheme" = https ] && secure=TRUE
  check "cookie Secure flag is $secure over $scheme" test "$(echo "$cookie" | awk '{ print $4 }')" = "$secure"
  local session
  session=$(echo "$cookie" | awk '{ print $7 }')

  step="$scheme state"
  data_call monitoring/state
  expect_json_200 '.version == 2 and .tld == "example" and (.lastUpdateApiDatabase | type == "number")
                   and (.status == "Up" or .status == "Down")
                   and (.testedServices | has("DNS") and has("DNSSEC") and has("RDDS") and has("RDAP"))'
  # Clients ask for gzip; the state document compresses, so it comes gzipped
  # and curl decoded it (jq parsed it above).
  check "state is gzip-encoded" test "$(header Content-Encoding)" = gzip
  check "Vary: Accept-Encoding" test "$(header Vary)" = Accept-Encoding
  check "state has an ETag" test -n "$(header ETag)"

  step="$scheme dns alarmed"
  data_call monitoring/dns/alarmed
  expect_json_200 '.version == 2 and (.lastUpdateApiDatabase | type == "number")
                   and (.alarmed == "Yes" or .alarmed == "No")'

  step="$scheme dns downtime"
  data_call monitoring/dns/downtime
  expect_json_200 '.version == 2 and (.downtime | type == "number" and . >= 0 and . == floor)'

  # Recent measurements: years -> months -> days -> files -> the first file
  # (§6.9; listings newest first, the day's files oldest first).
  step="$scheme measurements"
  data_call monitoring/dns/measurements
  expect_json_200 '.years | length > 0 and all(test("^[0-9]{4}$"))'
  local yyyy mm dd file
  yyyy=$(jq -r '.years[0]' "$work/body")
  data_call "monitoring/dns/measurements/$yyyy"
  expect_json_200 '.months | length > 0 and all(test("^(0[1-9]|1[0-2])$"))'
  mm=$(jq -r '.months[0]' "$work/body")
  data_call "monitoring/dns/measurements/$yyyy/$mm"
  expect_json_200 '.days | length > 0 and all(test("^[0-3][0-9]$"))'
  dd=$(jq -r '.days[0]' "$work/body")
  data_call "monitoring/dns/measurements/$yyyy/$mm/$dd"
  expect_json_200 '.measurements | length > 0 and all(test("^[0-9]+\\.json$"))'
  file=$(jq -r '.measurements[0]' "$work/body")
  data_call "monitoring/dns/measurements/$yyyy/$mm/$dd/$file"
  local cycle=${file%.json}
  expect_json_200 ".tld == \"example\" and .service == \"dns\" and .cycleCalculationDateTime == $cycle
                   and (.testedInterface | length == 1 and .[0].interface == \"DNS\")"
  check "the measurement's cycle lies on $yyyy-$mm-$dd (UTC)" \
    test "$(date -u -d "@$cycle" +%Y/%m/%d)" = "$yyyy/$mm/$dd"

  # Logout, twice (the Namingo registry script's try/finally, §10.2).
  step="$scheme logout"
  request "$base/$ENTITY/logout" -H 'Accept: */*'
  [ "$code" = 200 ] || fail "logout: expected 200, got $code"
  check "logout deleted the cookie from the jar" test -z "$(jar_cookie)"
  step="$scheme second logout"
  request "$base/$ENTITY/logout" -H 'Accept: */*'
  [ "$code" = 401 ] || fail "second logout: expected 401, got $code"

  step="$scheme state after logout"
  data_call monitoring/state
  [ "$code" = 401 ] || fail "state after logout: expected 401, got $code"
  check "401 is text/plain" grep -qi '^content-type: text/plain' "$work/headers"
  check "401 body is the exact §4.3 text" test "$(cat "$work/body")" = "$UNAUTHENTICATED"
  # The session ended on the server, not only in the jar.
  request "$base/$ENTITY/v2/monitoring/state" -H "Cookie: id=$session" -H 'Accept: application/json'
  [ "$code" = 401 ] || fail "the logged-out session's cookie still works ($code)"
  # Basic credentials are no way around the session on data calls (§4.2).
  request "$base/$ENTITY/v2/monitoring/state" -u "$USER_NAME:$PASSWORD" -H 'Accept: application/json'
  [ "$code" = 401 ] || fail "Basic credentials on a data call: expected 401, got $code"
  echo "ok: $scheme client flow ($base)"
}

client_flow http "$http_base"
client_flow https "$https_base"  # the certificate's SANs include 127.0.0.1

step="shutdown"
stop_server || fail "tldmon serve did not exit cleanly on SIGTERM"
check "serve.json is removed on shutdown" test ! -e "$data/serve.json"

echo "curl_client_flow: both flows passed ($checks checks)"
