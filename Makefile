# SupportCal: `make run` for a demo on this machine, `make test` for the suite.
.PHONY: all build deps test run bench clean

all: build

deps:
	scripts/install-deps.sh

build: deps
	swift build

## The whole suite against real Radicale, Xandikos and aiosmtpd started on loopback.
test:
	scripts/test.sh

## The main job on the embedded defaults (see README).
run:
	scripts/run.sh

## Benchmarks (release build): parsing, recurrence expansion, slot finding.
bench: deps
	swift run -c release supportcal bench all

clean:
	rm -rf .build .venv
