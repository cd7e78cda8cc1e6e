# tldmon — the two commands a user needs: `make demo` and `make test`.
# Each target installs missing Debian packages first (scripts/install-deps,
# idempotent; needs root or sudo), then configures and builds with CMake presets.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TLDMON := build/release/src/app/tldmon

.PHONY: all deps build build-asan test test-release test-asan demo bench format clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

# Only what the sanitizer run executes: unit tests and the binary for scenarios.
build-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS) --target unit_suite

# Everything in release, then unit and scenario tests again under ASan+UBSan.
test: test-release test-asan
	@echo "make test: all suites passed"

test-release: build
	@ctest --preset release -j $(JOBS)

test-asan: build-asan
	@ctest --preset asan -j $(JOBS) -L 'unit|scenario'

demo: build
	@$(TLDMON) demo

bench: build
	@bench/run

format:
	@find src bench tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build
