#!/usr/bin/env bash
# Runs every test of ImageLabelsLive: .NET unit, contract, adapter, infra and integration suites,
# the Node sidecar tests, the frontend's unit tests and the browser end-to-end tests.
# Installs what they need first. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
source infra/local/setup.sh
set +e

started=$SECONDS
LOGS="${ILL_TEST_LOGS:-artifacts/test-logs}"
mkdir -p "$LOGS"
COUNTS="$LOGS/counts"
rm -rf "$COUNTS"; mkdir -p "$COUNTS"
passed=0; failed=0; skipped=0; broken=()

# Lanes run in parallel, so each suite's figures go to a file of its own and are totalled at the end.
count() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); echo "$1 $2 $3" >> "$COUNTS/$BASHPID"; }

# A suite whose runner failed without reporting a failed test still fails the run.
suite_done() {
  local name="$1" status="$2" before_failed="$3"
  if [ "$status" -ne 0 ] && [ "$failed" -eq "$before_failed" ]; then count 0 1 0; echo "$name" >> "$COUNTS/broken"; fi
  if [ "$status" -ne 0 ]; then
    echo "FAILED: $name (log: $LOGS/$name.log)"; tail -n 40 "$LOGS/$name.log"
    failing_tests "$name" >> "$COUNTS/failures"
  fi
}

# The failing tests of a suite and the first lines of each one's error, for the recap printed last (a CI page
# often shows only the end of the run).
failing_tests() {
  local name="$1" log="$LOGS/$1.log"
  echo "  $name:"
  if [ -f "$LOGS/$name.plain.log" ]; then
    # node --test (TAP): each "not ok" line (a suite's too: a failed hook is reported there), then its YAML block up to the stack.
    awk '/^ *not ok / { show = 40; print; next } show > 0 && /^ +(stack:|\.\.\.)/ { show = 0 }
         show > 0 && !/^ +(---|duration_ms:|failureType:)/ { print; show-- }' "$LOGS/$name.plain.log" | head -n 100
    # vitest: "FAIL  file > suite > test" and the assertion under it.
    grep -aE -A4 '^ *FAIL ' "$LOGS/$name.plain.log" | head -n 40
  else
    # dotnet test: "  Failed Name [time]" then "  Error Message:" and its lines.
    grep -aE -A6 '^ +Failed [A-Za-z_]' "$log" | grep -avE '^ +(Stack Trace:|at )' | head -n 60
  fi
}

ill_setup_test || { echo "Set-up failed; see above."; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

ill_say "building the solution (warnings are errors)"
if ! dotnet build ImageLabelsLive.sln -c Release --nologo -v quiet -clp:ErrorsOnly > "$LOGS/build.log" 2>&1; then
  cat "$LOGS/build.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi

run_dotnet_tests() {
  local project="$1" name; name="$(basename "$project")"
  ill_say "dotnet test $name"
  local before=$failed
  dotnet test "$project" -c Release --no-build --nologo > "$LOGS/$name.log" 2>&1
  local status=$?
  local line; line="$(grep -E '(Passed|Failed)! +- ' "$LOGS/$name.log" | tail -n 1)"
  if [ -n "$line" ]; then
    local f p s
    f="$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")"; p="$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")"; s="$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")"
    count "$p" "$f" "$s"; echo "    $line"
  elif grep -qE '^Total tests: [0-9]+' "$LOGS/$name.log"; then
    # The detailed console logger (which prints the crash drills' figures) ends with a block instead of one line.
    local p f s
    p="$(grep -E '^ +Passed: +[0-9]+' "$LOGS/$name.log" | tail -n1 | grep -oE '[0-9]+')"
    f="$(grep -E '^ +Failed: +[0-9]+' "$LOGS/$name.log" | tail -n1 | grep -oE '[0-9]+')"
    s="$(grep -E '^ +Skipped: +[0-9]+' "$LOGS/$name.log" | tail -n1 | grep -oE '[0-9]+')"
    count "${p:-0}" "${f:-0}" "${s:-0}"; echo "    passed ${p:-0}, failed ${f:-0}, skipped ${s:-0}"
  else
    echo "    no test summary found in $LOGS/$name.log"; count 0 1 0; echo "$name" >> "$COUNTS/broken"; return
  fi
  suite_done "$name" "$status" "$before"
}

run_node_tests() {
  local dir="$1" name="$2"; shift 2
  ill_say "$name"
  local before=$failed
  (cd "$dir" && NO_COLOR=1 FORCE_COLOR=0 "$@") > "$LOGS/$name.log" 2>&1
  local status=$?
  # Counts are read from a colour-free copy: node --test prints "ℹ pass N"; vitest "Tests  N passed | N skipped (N)".
  local plain="$LOGS/$name.plain.log"
  sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$LOGS/$name.log" > "$plain"
  local p f s
  p="$(grep -aoE '^(ℹ|#) pass [0-9]+' "$plain" | tail -n1 | grep -oE '[0-9]+$')"
  f="$(grep -aoE '^(ℹ|#) fail [0-9]+' "$plain" | tail -n1 | grep -oE '[0-9]+$')"
  s="$(grep -aoE '^(ℹ|#) (skipped|skip) [0-9]+' "$plain" | tail -n1 | grep -oE '[0-9]+$')"
  if [ -z "$p" ]; then
    local line; line="$(grep -aE '^ +Tests +' "$plain" | tail -n1)"
    p="$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+')"
    f="$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')"
    s="$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+')"
  fi
  if [ -z "$p" ] && [ -z "$f" ]; then
    # A runner that printed no count ran nothing we can vouch for.
    echo "    no test count found in $LOGS/$name.log"; count 0 1 0; echo "$name" >> "$COUNTS/broken"; return
  fi
  count "${p:-0}" "${f:-0}" "${s:-0}"
  echo "    passed ${p:-0}, failed ${f:-0}, skipped ${s:-0}"
  suite_done "$name" "$status" "$before"
}

# Suites that share nothing run in parallel lanes (each host-based suite starts its own host on a free port);
# a lane's console output is printed whole when it ends, so lines of different lanes never interleave.
UNIT_SUITES="Core Functions Aws Infra LocalAws"
# Each host suite has a lane of its own: run one after the other, the local-host and reliability suites (5–7 and
# 6–8 minutes under this load) ended minutes after the other lanes, with one lane running alone.
HOST_SUITES="LocalHost Reliability"

unit_lane() {
  for suite in $UNIT_SUITES; do
    run_dotnet_tests "tests/ImageLabelsLive.$suite.Tests/ImageLabelsLive.$suite.Tests.csproj"
  done
  # The production clients against moto_server (skips, counted, where moto is absent).
  run_dotnet_tests tests/ImageLabelsLive.Aws.MotoTests/ImageLabelsLive.Aws.MotoTests.csproj
  # The CDK app synthesizes offline with the pinned CLI, from the functions just built. It runs the app's Release
  # build from the solution build: cdk.json's `dotnet run` would first build it again in Debug (about 90 s of CPU).
  ill_say "cdk synth (offline)"
  synth_out="$(mktemp -d)"
  template=""
  if (cd infra/aws && npx --no-install cdk synth -q -o "$synth_out" --app "dotnet bin/Release/net10.0/ImageLabelsLive.Infra.dll" \
        -c functionsPath="$ILL_ROOT/functions/ImageLabelsLive.Functions/bin/Release/net10.0") > "$LOGS/cdk-synth.log" 2>&1 \
     && [ -n "$(find "$synth_out" -name '*.template.json' -print -quit)" ]; then
    template="$(find "$synth_out" -name '*.template.json' | head -n1)"
    count 1 0 0; echo "    synthesized: $(basename "$template")"
  else
    count 0 1 0; echo "FAILED: cdk synth (log: $LOGS/cdk-synth.log)"; tail -n 30 "$LOGS/cdk-synth.log"
  fi
  # AWS's template linter on what would be deployed: any error fails, and so does any retired or deprecated
  # Lambda runtime (E2531/E2533/W2531/W2533, or a runtime looked up in a map of them, W1034). The other
  # findings are explained in infra/aws/README.md.
  if [ -n "$template" ]; then
    ill_say "cfn-lint on the synthesized template"
    if command -v cfn-lint >/dev/null 2>&1; then
      cfn-lint --format parseable -- "$template" > "$LOGS/cfn-lint.log" 2>&1
      lint_status=$?
      # parseable: file:line:column:end line:end column:rule:message
      lint_errors="$(awk -F: '$6 ~ /^E/' "$LOGS/cfn-lint.log")"
      lint_runtimes="$(awk -F: '$6 ~ /^[EW]253[13]$/ || ($6 == "W1034" && /[Rr]untime/)' "$LOGS/cfn-lint.log")"
      # Its exit status ORs 2 (errors), 4 (warnings), 8 (informational); 1 means it could not lint at all.
      if [ -n "$lint_errors" ] || [ -n "$lint_runtimes" ] || (( lint_status & 3 )); then
        count 0 1 0; echo "FAILED: cfn-lint (log: $LOGS/cfn-lint.log)"; printf '%s\n' "$lint_errors" "$lint_runtimes" | sort -u | head -n 20
      else
        count 1 0 0; echo "    no errors, no deprecated runtimes; $(grep -c . "$LOGS/cfn-lint.log") warnings (see infra/aws/README.md)"
      fi
    else
      count 0 0 1; echo "    skipped: cfn-lint is not installed (pip install cfn-lint runs it)"
    fi
  fi
  rm -rf "$synth_out"
  run_node_tests frontend frontend-unit npm test --silent
  run_node_tests infra/local/sidecars sidecars npm test --silent
}

# A lane is a function, or suite:NAME for one host suite alone.
run_lane() {
  case "$1" in
    suite:*) run_dotnet_tests "tests/ImageLabelsLive.${1#suite:}.Tests/ImageLabelsLive.${1#suite:}.Tests.csproj" ;;
    *) "$1" ;;
  esac
}

drill_lane() {
  run_dotnet_tests tests/ImageLabelsLive.CrashDrills.Tests/ImageLabelsLive.CrashDrills.Tests.csproj
# Browser end-to-end: the real local stack on a spare port, driven by Chromium.
  if [ -f frontend/package.json ] && grep -q '"e2e"' frontend/package.json; then
    E2E_PORT="${ILL_E2E_PORT:-18080}"
    E2E_DATA="$(mktemp -d)"
    ill_say "starting the local stack for the browser tests on port $E2E_PORT"
    dotnet infra/local/ImageLabelsLive.LocalHost/bin/Release/net10.0/ImageLabelsLive.LocalHost.dll --port "$E2E_PORT" --data "$E2E_DATA" > "$LOGS/e2e-host.log" 2>&1 &
    host_pid=$!
    for _ in $(seq 1 120); do
      curl -fs "http://127.0.0.1:$E2E_PORT/health" >/dev/null 2>&1 && break
      kill -0 "$host_pid" 2>/dev/null || break
      sleep 0.5
    done
    ILL_APP_URL="http://127.0.0.1:$E2E_PORT" run_node_tests frontend frontend-e2e npm run e2e --silent
    kill -TERM "$host_pid" 2>/dev/null; wait "$host_pid" 2>/dev/null
    rm -rf "$E2E_DATA"
  fi
}

# Every tests/*/*.Tests.csproj must belong to a lane: a new suite that no lane runs fails the run.
for project in tests/*/*.Tests.csproj; do
  suite="$(basename "$(dirname "$project")")"; suite="${suite#ImageLabelsLive.}"; suite="${suite%.Tests}"
  case " $UNIT_SUITES $HOST_SUITES CrashDrills " in
    *" $suite "*) ;;
    *) echo "test.sh runs no lane for $project"; count 0 1 0 ;;
  esac
done

LANES="unit_lane"
for suite in $HOST_SUITES; do LANES="$LANES suite:$suite"; done
LANES="$LANES drill_lane"
lane_pids=()
for lane in $LANES; do
  ( run_lane "$lane" > "$LOGS/${lane/:/-}.out" 2>&1 ) &
  lane_pids+=($!)
done
for i in "${!lane_pids[@]}"; do
  wait "${lane_pids[$i]}"
done
for lane in $LANES; do cat "$LOGS/${lane/:/-}.out"; done

passed=0; failed=0; skipped=0
while read -r p f s; do passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s)); done < <(cat "$COUNTS"/[0-9]* 2>/dev/null)
[ -f "$COUNTS/broken" ] && broken=($(cat "$COUNTS/broken"))
[ ${#broken[@]} -gt 0 ] && echo "Suites that failed without a test count: ${broken[*]}"
if [ -s "$COUNTS/failures" ]; then echo "Failing tests:"; cat "$COUNTS/failures"; fi
echo "Took $((SECONDS - started)) s; logs in $LOGS."
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
