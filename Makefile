# SupportCal: `make run` for a demo on this machine, `make test` for the suite.
.PHONY: all build deps test run bench format clean

all: build

deps:
	scripts/install-deps.sh

build: deps
	swift build

## The whole suite against real Radicale, Xandikos and aiosmtpd started on loopback.
test:
	scripts/test.sh

## Formats the tree as `make test` requires (.swift-format).
format:
	swift format --in-place --recursive --parallel Sources Tests Package.swift

## The main job on the embedded defaults (see README).
run:
	scripts/run.sh

## Benchmarks that need no outside server (release build), each figure beside its peer or
## ceiling measured in the same run: parsing (beside libical from C and python icalendar),
## slot finding, the store (beside the same slot finding in memory), composing emails, and
## the HTTP service under wrk (beside a Hummingbird hello-world built from Benchmarks/).
## `bench caldav` and `bench sync` take a CalDAV server: see README.
bench: deps
	scripts/install-deps.sh --bench
	scripts/python-env.sh
	swift build -c release --product supportcal
	swift build -c release --product supportcal-bench-ceiling
	$$(swift build -c release --show-bin-path)/supportcal bench ics
	$$(swift build -c release --show-bin-path)/supportcal bench slots
	$$(swift build -c release --show-bin-path)/supportcal bench store
	$$(swift build -c release --show-bin-path)/supportcal bench mail
	$$(swift build -c release --show-bin-path)/supportcal bench serve

clean:
	rm -rf .build .venv
