#!/usr/bin/env bash
# A long fuzz campaign over the frame readers: the normal suite's FrameFuzzTests with many more mutated and truncated
# files per format, in release mode. Prints the seed first, so that any failure replays from it.
#
#   scripts/fuzz_frames.sh                          200 000 variants per format, a fresh random seed
#   scripts/fuzz_frames.sh 50000 12345 fits,edf     variants per format, seed, formats (default: all the test has)
#
# Every variant that breaks the contract, and each format's last variant (what a crash or a hang leaves behind),
# stay in $SAXSD_FUZZ_KEEP (default: a fresh folder under /tmp, printed, removed after a clean run). Replay one:
#   SAXSD_FUZZ_REPLAY=FILE swift test --scratch-path .build-fuzz --filter replayAKeptVariant
# A run that outlives $SAXSD_FUZZ_TIMEOUT seconds (default: one hour plus 1 s per 50 variants) is a hang: the test
# process group is killed and the kept variants name the file it hung on.
set -euo pipefail
cd "$(dirname "$0")/.."

iterations="${1:-200000}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
formats="${3:-}"
scratch="${SAXSD_FUZZ_SCRATCH:-.build-fuzz}"
timeout="${SAXSD_FUZZ_TIMEOUT:-$((3600 + iterations / 50))}"
keep="${SAXSD_FUZZ_KEEP:-}"
[ -n "$keep" ] || keep="$(mktemp -d /tmp/saxsd-fuzz-XXXXXX)"
mkdir -p "$keep"

echo "fuzz: $iterations variants per format (${formats:-all formats}), SAXSD_FUZZ_SEED=$seed, kept variants in $keep"
start=$(date +%s)

# In a session of its own, so that a hang can be ended with everything swift test started, the test process too.
[ -z "$formats" ] || export SAXSD_FUZZ_FORMATS="$formats"
SAXSD_FUZZ_ITERATIONS="$iterations" SAXSD_FUZZ_SEED="$seed" SAXSD_FUZZ_KEEP="$keep" \
  setsid swift test -c release --scratch-path "$scratch" --filter 'FrameFuzzTests/mutatedFilesGiveFramesOrFrameErrors' &
run=$!
( sleep "$timeout" && echo "fuzz: no result after $timeout s: a hang" >&2 && kill -TERM -- "-$run" 2>/dev/null \
  && sleep 10 && kill -KILL -- "-$run" 2>/dev/null ) &
watchdog=$!
status=0
wait "$run" || status=$?
# The watchdog's sleep, then the watchdog itself.
pkill -P "$watchdog" 2>/dev/null || true
kill "$watchdog" 2>/dev/null || true

if [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED (exit $status) after $(( $(date +%s) - start )) s with SAXSD_FUZZ_SEED=$seed; kept:" >&2
  ls -l "$keep" >&2
  echo "replay: SAXSD_FUZZ_REPLAY=$keep/FILE swift test --scratch-path $scratch --filter replayAKeptVariant" >&2
  exit "$status"
fi
echo "fuzz: passed after $(( $(date +%s) - start )) s with SAXSD_FUZZ_SEED=$seed"
[ -n "${SAXSD_FUZZ_KEEP:-}" ] || rm -rf "$keep"
