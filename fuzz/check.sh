#!/usr/bin/env bash
# Keeps the fuzz targets compiling against the library; CI runs this, people run the fuzzers.
#
#   fuzz/check.sh          `cargo check` of the fuzz crate on stable Rust: no cargo-fuzz, no
#                          nightly; about a minute from scratch on two cores (it also builds
#                          libFuzzer's C++ sources, with the machine's g++).
#   fuzz/check.sh --build  the real `cargo fuzz build` (RUSTC_BOOTSTRAP=1 stands in for nightly);
#                          installs cargo-fuzz first if it is missing (about 30 s); the build
#                          takes 3 to 4 minutes on two cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
case "${1:-}" in
    "")
        cargo check --manifest-path "$here/Cargo.toml" --bins
        ;;
    --build)
        if ! cargo fuzz --version >/dev/null 2>&1; then
            cargo install cargo-fuzz --locked
        fi
        cd "$here/.."
        RUSTC_BOOTSTRAP=1 cargo fuzz build -s none
        ;;
    *)
        echo "usage: fuzz/check.sh [--build]" >&2
        exit 2
        ;;
esac
