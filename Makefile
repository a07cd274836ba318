# Thin wrapper over CMake. `make demo` and `make test` are the README's two commands.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 30
JOBS ?= $(shell nproc)
# WERROR=1 treats every compiler warning as an error (-DASSAY_WERROR=ON).
WERROR_FLAG := $(if $(WERROR),-DASSAY_WERROR=ON,)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release $(WERROR_FLAG)

.PHONY: all setup build build-demo demo test unit-test asan-test bench clean fuzz test-locales format format-check

all: build

setup:
	@scripts/setup.sh

$(BUILD)/CMakeCache.txt: | setup
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The demo needs only the assay binary: building it alone (no tests, fuzzers
# or benchmarks) is what makes a fresh clone's first report quick.
build-demo: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target assay

demo: build-demo
	NO_COLOR=$${NO_COLOR-} $(BUILD)/assay run rules/lsp2007 datasets/lsp2007
	$(BUILD)/assay run rules/lsp2007 datasets/lsp2007 --format html --out $(BUILD)/lsp2007.html
	@echo "The same report as one web page, ready to print (A4 landscape): $(BUILD)/lsp2007.html"

unit-test: build test-locales
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Locales with a decimal comma for the determinism tests, which skip them
# (saying so) when Debian's 'locales' package cannot be installed.
test-locales:
	@scripts/setup.sh locales >/dev/null 2>&1 || echo "note: no 'locales' package: the locale checks will be skipped"

asan-test: setup test-locales
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DASSAY_SANITIZE=ON $(WERROR_FLAG)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

test: unit-test

# The libFuzzer targets (clang, ASan, UBSan), FUZZ_SECONDS each, on seeds
# made from the bundled data (fuzz/run.sh; docs/hardening.md).
fuzz: setup
	scripts/setup.sh clang libclang-rt-14-dev
	FUZZ_BUILD=$(FUZZ_BUILD) JOBS=$(JOBS) ASSAY=$(BUILD)/assay fuzz/run.sh $(FUZZ_SECONDS)

bench: build
	bench/run.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

# The checked-in .clang-format applies to every C++ file; CI refuses a tree
# that does not match it (Debian 12's clang-format 14).
FORMAT_FILES = git ls-files '*.cpp' '*.hpp' '*.h'
format:
	$(FORMAT_FILES) | xargs clang-format -i

format-check:
	@command -v clang-format >/dev/null || scripts/setup.sh clang-format
	$(FORMAT_FILES) | xargs clang-format --dry-run --Werror
	@echo "format-check: every C++ file matches .clang-format"
