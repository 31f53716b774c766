# khabar: a thin wrapper over CMake.
#   make            build everything (library, CLI at build/khabar, tests)
#   make test       build and run the suite: plain (warnings are errors),
#                   under ASan+UBSan, and each fuzz target briefly
#   make check      the plain suite only (quick)
#   make fuzz       run every fuzz target for FUZZ_SECONDS (default 300)
#   make bench      the benchmarks in bench/ (needs ../shared; RUNS=1,
#                   PARTS="analyze ingest dedup extraction variants",
#                   KH_BENCH_OUT=table.md: see bench/run-all.sh)
#   make demo       ingest the sample corpus and show what khabar finds
#   make clean

CMAKE      ?= cmake
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 300
CTEST_ARGS ?= --output-on-failure -j $(JOBS)
HAVE_CLANG := $(shell command -v clang >/dev/null 2>&1 && echo yes)

.PHONY: all test check asan fuzz-smoke fuzz bench demo clean

all:
	$(CMAKE) -S . -B build -DKHABAR_WERROR=ON >/dev/null
	$(CMAKE) --build build -j $(JOBS)

check: all
	cd build && ctest $(CTEST_ARGS)

asan:
	$(CMAKE) -S . -B build-asan -DKHABAR_WERROR=ON -DKHABAR_SANITIZE=ON \
	    -DCMAKE_BUILD_TYPE=Debug >/dev/null
	$(CMAKE) --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest $(CTEST_ARGS)

fuzz-smoke:
ifeq ($(HAVE_CLANG),yes)
	CC=clang $(CMAKE) -S . -B build-fuzz -DKHABAR_FUZZ=ON -DKHABAR_WERROR=ON \
	    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	$(CMAKE) --build build-fuzz -j $(JOBS)
	cd build-fuzz && ctest $(CTEST_ARGS) -L fuzz
else
	@echo "fuzz-smoke: clang not found, fuzz targets skipped" >&2
endif

test: check asan fuzz-smoke

fuzz:
	CC=clang $(CMAKE) -S . -B build-fuzz -DKHABAR_FUZZ=ON \
	    -DKH_FUZZ_SECONDS=$(FUZZ_SECONDS) >/dev/null
	$(CMAKE) --build build-fuzz -j $(JOBS)
	cd build-fuzz && ctest --output-on-failure -L fuzz

bench: all
	bench/run-all.sh

demo: all
	scripts/demo.sh

clean:
	rm -rf build build-asan build-fuzz
