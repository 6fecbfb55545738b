# The index of ParcelDesk's commands. Every target is a thin wrapper; read the
# recipe to see the real command.
.PHONY: build test test-core test-postgres bench bench-peer demo format lint ci

build:
	swift build

test:
	swift test

# The fast loop: the domain library alone.
test-core:
	swift test --filter ParcelCoreTests

bench:
	swift build -c release --product parceldesk
	$$(swift build -c release --show-bin-path)/parceldesk bench numbers
	$$(swift build -c release --show-bin-path)/parceldesk bench diagnose

bench-peer:
	scripts/bench-peer.sh

format:
	swift format format --in-place --recursive Sources Tests Package.swift

lint:
	swift format lint --strict --recursive Sources Tests Package.swift

ci:
	.ci/run
