# The index of ParcelDesk's commands. Every target is a thin wrapper; read the
# recipe to see the real command.
.PHONY: build test test-core test-postgres bench bench-peer bench-ingest bench-pages browser-tests demo serve format lint ci

build:
	swift build

test:
	swift test

# The fast loop: the domain library alone.
test-core:
	swift test --filter ParcelCoreTests

# The store suite on a throwaway PostgreSQL 15 cluster.
test-postgres:
	scripts/with-postgres.sh swift test --filter ParcelStoreTests

demo:
	swift run parceldesk demo

serve:
	swift run parceldesk serve

bench:
	swift build -c release --product parceldesk
	$$(swift build -c release --show-bin-path)/parceldesk bench numbers
	$$(swift build -c release --show-bin-path)/parceldesk bench diagnose

bench-peer:
	scripts/bench-peer.sh

# Server load: ingestion, order reads and the /ping ceiling, SQLite and PostgreSQL.
bench-ingest:
	scripts/bench-ingest.sh

# Every seller page and the buyer page with 100,000 orders, beside the /ping ceiling.
bench-pages:
	scripts/bench-pages.sh

# Headless Chromium through the seller's and the buyer's main path; screenshots in screenshots/.
browser-tests:
	scripts/browser-tests.sh

format:
	swift format format --in-place --recursive Sources Tests Package.swift

lint:
	swift format lint --strict --recursive Sources Tests Package.swift

ci:
	.ci/run
