#!/usr/bin/env bash
# Side-by-side throughput of `agentlaw analyze` and `rg -c -f` over the exported patterns,
# on a deterministic synthetic corpus; the figures in the README come from this script.
#
#   scripts/bench-vs-ripgrep.sh [MB] [FILES]      (defaults: 400 MB in 20000 files)
#
# Environment: WORK (scratch folder, default /tmp/agentlaw-bench), RG (a ripgrep binary;
# installed with `cargo install ripgrep` into $WORK/tools when absent), SKIP_EXACT_RG=1 to
# skip the slow ripgrep run with Unicode word boundaries.
#
# What it measures, each with wall time, user time and peak resident memory (GNU time):
#   1. rg -c -f with the patterns as agentlaw matches them (Unicode \b, case-insensitive),
#      on the first folder of the corpus (1/20 of it: on the whole corpus this run takes
#      hours, which is the point the issue makes about Unicode word boundaries);
#   2. rg -c -f with ASCII-only \b on the whole corpus (ripgrep's fast path; not the same
#      matches on non-ASCII text);
#   3. agentlaw analyze on the same first folder and on the whole corpus, --jobs 1 and 2,
#      writing md, csv and json;
#   4. agentlaw analyze with 100 and with 1000 synthetic rules on the first folder.
set -euo pipefail

MB=${1:-400}
FILES=${2:-20000}
WORK=${WORK:-/tmp/agentlaw-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS="$WORK/corpus-$MB"
mkdir -p "$WORK"

cd "$ROOT"
cargo build --release --locked --bin agentlaw --example synth_corpus
AGENTLAW="$ROOT/target/release/agentlaw"
SYNTH="$ROOT/target/release/examples/synth_corpus"

if [[ -z "${RG:-}" ]]; then
    if command -v rg >/dev/null; then
        RG=$(command -v rg)
    else
        cargo install --locked --root "$WORK/tools" ripgrep
        RG="$WORK/tools/bin/rg"
    fi
fi

[[ -d "$CORPUS" ]] || "$SYNTH" --out "$CORPUS" --mb "$MB" --files "$FILES"
SUBSET="$CORPUS/000"
"$SYNTH" --rules-out "$WORK/rules100.toml" --rules 100
"$SYNTH" --rules-out "$WORK/rules1000.toml" --rules 1000
"$AGENTLAW" rules export-patterns >"$WORK/patterns.txt"
"$AGENTLAW" rules export-patterns --ascii-boundaries >"$WORK/patterns-ascii.txt"

size() { du -sb "$1" | cut -f1; }
echo "corpus: $(find "$CORPUS" -type f | wc -l) files, $(size "$CORPUS") bytes;" \
    "subset $SUBSET: $(find "$SUBSET" -type f | wc -l) files, $(size "$SUBSET") bytes;" \
    "$(wc -l <"$WORK/patterns.txt") patterns; $(nproc) cores; $("$RG" --version | head -1)"

# label, bytes, command...: prints label, wall s, user s, peak RSS MB, MB/s
run() {
    local label=$1 bytes=$2
    shift 2
    # rg exits 1 when a file has no match, agentlaw when an input is an error record.
    /usr/bin/time -o "$WORK/time.txt" -f "%e %U %M" "$@" >/dev/null 2>&1 || true
    read -r wall user rss < <(tail -1 "$WORK/time.txt")
    awk -v l="$label" -v w="$wall" -v u="$user" -v r="$rss" -v b="$bytes" \
        'BEGIN { printf "%-44s %8.1f s wall %8.1f s user %6.0f MB peak %7.2f MB/s\n", l, w, u, r / 1024, b / 1048576 / w }'
}

RGSIZE=(--regex-size-limit 2G --dfa-size-limit 2G)
SUB=$(size "$SUBSET")
ALL=$(size "$CORPUS")
OUT="$WORK/out"
if [[ -z "${SKIP_EXACT_RG:-}" ]]; then
    run "rg -c -f, Unicode word boundaries, subset" "$SUB" "$RG" -c -i "${RGSIZE[@]}" -f "$WORK/patterns.txt" "$SUBSET"
fi
run "rg -c -f, ASCII word boundaries, subset" "$SUB" "$RG" -c -i "${RGSIZE[@]}" -f "$WORK/patterns-ascii.txt" "$SUBSET"
run "agentlaw analyze --jobs 2, subset" "$SUB" "$AGENTLAW" analyze "$SUBSET" --out "$OUT" --format md,csv,json --quiet --jobs 2
run "agentlaw analyze --jobs 1, subset" "$SUB" "$AGENTLAW" analyze "$SUBSET" --out "$OUT" --format md,csv,json --quiet --jobs 1
run "agentlaw 100 synthetic rules, subset" "$SUB" "$AGENTLAW" analyze "$SUBSET" --rules "$WORK/rules100.toml" --out "$OUT" --format md,csv,json --quiet --jobs 2
run "agentlaw 1000 synthetic rules, subset" "$SUB" "$AGENTLAW" analyze "$SUBSET" --rules "$WORK/rules1000.toml" --out "$OUT" --format md,csv,json --quiet --jobs 2
run "rg -c -f, ASCII word boundaries, corpus" "$ALL" "$RG" -c -i "${RGSIZE[@]}" -f "$WORK/patterns-ascii.txt" "$CORPUS"
run "agentlaw analyze --jobs 2, corpus" "$ALL" "$AGENTLAW" analyze "$CORPUS" --out "$OUT" --format md,csv,json --quiet --jobs 2
run "agentlaw analyze --jobs 1, corpus" "$ALL" "$AGENTLAW" analyze "$CORPUS" --out "$OUT" --format md,csv,json --quiet --jobs 1
