# tldmon — the two commands a user needs: `make demo` and `make test`.
# Each target installs missing Debian packages first (scripts/install-deps,
# idempotent; needs root or sudo), then configures and builds with CMake presets.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TLDMON := build/release/src/app/tldmon

.PHONY: all deps build build-asan build-tsan test test-release test-asan test-tsan fuzz demo bench screenshots format clean

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

# The tests that run threads (HTTP server, auth tables, cycle pipeline, engine
# loop), built by clang with ThreadSanitizer and -Wthread-safety -Werror: one
# build that checks both the races and the GUARDED_BY annotations.
TSAN_TESTS := tldmon_http_tests tldmon_mosapi_tests tldmon_auth_tests tldmon_ingest_tests tldmon_app_tests tldmon_alerts_tests \
  tldmon_probe_tests tldmon_probeapi_tests tldmon_dane_tests tldmon_web_tests tldmon_store_tests
build-tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS) --target $(TSAN_TESTS)

# Everything in release, then unit and scenario tests again under ASan+UBSan,
# then the threaded tests under TSan. The two sanitizer builds run (niced)
# while the release tests run: those spend most of their time waiting out
# real probe cycles, and the builds are most of a cold `make test`.
SANITIZER_LOG := build/sanitizer-builds.log
test: build
	@echo "make test: building ASan and TSan in the background while the release tests run (log: $(SANITIZER_LOG))"
	@( nice -n 10 $(MAKE) --no-print-directory build-asan build-tsan > $(SANITIZER_LOG) 2>&1 ) & bg=$$!; \
	  ctest --preset release -j $$(( $(JOBS) + 2 )); rc=$$?; \
	  if ! wait $$bg; then tail -n 60 $(SANITIZER_LOG); echo "make test: a sanitizer build failed (log: $(SANITIZER_LOG))"; exit 1; fi; \
	  echo "make test: sanitizer builds done"; exit $$rc
	@ctest --preset asan -j $(JOBS) -L 'unit|scenario'
	@ctest --preset tsan -j $(JOBS) -R '$(TSAN_TEST_REGEX)'
	@echo "make test: all suites passed"

# Two slots more than cores: fixture.probe_e2e and fixture.probe_backfill
# (started first, COST) spend ~11 minutes each waiting out real cycles.
test-release: build
	@ctest --preset release -j $$(( $(JOBS) + 2 ))

test-asan: build-asan
	@ctest --preset asan -j $(JOBS) -L 'unit|scenario'

TSAN_TEST_REGEX := ^unit\.(http|mosapi|auth|ingest|app|probe|probeapi|dane|web|alerts|store)$$
test-tsan: build-tsan
	@ctest --preset tsan -j $(JOBS) -R '$(TSAN_TEST_REGEX)'

# libFuzzer: build every target of tests/fuzz with clang (build/fuzz) and run
# each for FUZZ_SECONDS (not part of `make test`; docs/fuzzing.md).
FUZZ_SECONDS ?= 60
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@tests/fuzz/run $(FUZZ_SECONDS)

demo: build
	@$(TLDMON) demo

bench: build
	@bench/run

# The dashboard's pages as docs/screenshots/*.png, taken by the browser tests.
screenshots: build
	@tests/browser/run $(TLDMON) docs/screenshots

format:
	@find src bench tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build
