#!/usr/bin/env bash
# The test command (`make test`): installs what the tests need, starts the real
# servers on loopback, runs `swift test`, and stops the servers on every exit path.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
scripts/python-env.sh

servers=$(mktemp -d "${TMPDIR:-/tmp}/supportcal-servers.XXXXXX")
cleanup() { scripts/test-servers.sh stop "$servers"; rm -rf "$servers"; }
trap cleanup EXIT INT TERM
scripts/test-servers.sh start "$servers"
# shellcheck disable=SC1091
source "$servers/env"

# An unformatted file fails the run (swift format ships with the toolchain; settings in
# .swift-format). `make format` formats the tree.
swift format lint --strict --recursive --parallel Sources Tests Package.swift
swift build --build-tests
swift test --skip-build "$@"
