#!/usr/bin/env bash
# Runs one fuzz target: fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
# Targets: article sanitize catalogue keymap linker. Seeds the corpus on first use, uses the
# target's dictionary, and stops after SECONDS (default 600). A crash leaves its input in
# fuzz/artifacts/TARGET/; replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none TARGET FILE`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer flags...]}"
seconds="${2:-600}"
shift $(( $# < 2 ? $# : 2 ))
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
[ -d "$here/corpus/$target" ] || "$here/seed.sh"
extra=()
# Whole articles are the seeds of `article`; let inputs grow as large.
[ "$target" = article ] && extra+=(-max_len=16384)
cd "$here/.."
RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" -- \
    -max_total_time="$seconds" -dict="$here/dict/$target.dict" -print_final_stats=1 \
    "${extra[@]}" "$@"
