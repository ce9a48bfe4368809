# GateLM — the two set-up commands are `make demo` and `make test`.
SWIFT      ?= swift
# Release builds target the host CPU (DESIGN.md, "Build flags"): AVX2/AVX-512 and FMA
# instead of baseline SSE2.
NATIVE     := -Xswiftc -target-cpu -Xswiftc native -Xcc -march=native
RELEASE    := -c release $(NATIVE)
BIN        = $(shell $(SWIFT) build $(RELEASE) --show-bin-path)

.PHONY: all setup build demo test bench clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build $(RELEASE) --product gatelm

## The main job: build a few circuits, simulate them, emit C, compile it and check it.
demo: build
	$(BIN)/gatelm demo

## The whole test suite, in release mode with native CPU flags.
test: setup
	$(SWIFT) build $(RELEASE) --build-tests
	$(SWIFT) test $(RELEASE) --skip-build

## Side-by-side benchmark table (simulation throughput, AIGER I/O); see README.
bench: build
	scripts/bench.sh

clean:
	rm -rf .build bench-out
