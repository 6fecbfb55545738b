import ArgumentParser
import Foundation
import ParcelCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ParcelDesk's own speed (build with -c release for real figures).",
        subcommands: [
            NumbersBench.self, DiagnoseBench.self, ClaimsBench.self, IntentsBench.self, CorpusCommand.self,
            SampleExportCommand.self,
        ]
    )
}

/// Detection throughput on a generated mixed corpus, single-threaded.
struct NumbersBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "numbers",
        abstract: "Tracking-number detection throughput on a deterministic mixed corpus."
    )

    @OptionGroup var corpus: CorpusOptions

    @Option(help: "Timed passes over the corpus; the report gives the median and the best.")
    var passes = 5

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() {
        let count = corpus.count
        let seed = corpus.seed
        let detector = NumberDetector()
        let context = detector.prepare(.none)
        let lines = NumberCorpus().lines(count: count, seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 20)
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            bytes.append(0x0A)
        }
        // Warm up caches and page in the corpus once.
        var summary = NumberDetector.Summary(carrierCount: detector.registry.carriers.count)
        bytes.withUnsafeBufferPointer { _ = detector.summarize($0, context: context, final: true, into: &summary) }

        var rates: [Double] = []
        for _ in 0..<passes {
            var pass = NumberDetector.Summary(carrierCount: detector.registry.carriers.count)
            let start = DispatchTime.now().uptimeNanoseconds
            bytes.withUnsafeBufferPointer { _ = detector.summarize($0, context: context, final: true, into: &pass) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rates.append(Double(count) / seconds)
            precondition(pass == summary, "detection must be deterministic")
        }
        rates.sort()
        let median = rates[rates.count / 2]

        // The full report (candidates, reasons, suggestions) on a slice, for scale.
        let reportCount = min(count, 20_000)
        let reportStart = DispatchTime.now().uptimeNanoseconds
        for line in lines.prefix(reportCount) where !NumberDetector.isBlank(line) {
            _ = detector.check(line, context: context)
        }
        let reportRate = Double(reportCount) / (Double(DispatchTime.now().uptimeNanoseconds - reportStart) / 1e9)

        if json {
            print(
                "{\"corpus\":\(count),\"seed\":\(seed),\"blankSkipped\":\(count - summary.total),\"valid\":\(summary.valid),\"invalid\":\(summary.invalid),"
                    + "\"detectionPerSecondMedian\":\(Int(median)),\"detectionPerSecondBest\":\(Int(rates.last!)),"
                    + "\"fullReportPerSecond\":\(Int(reportRate))}")
        } else {
            print(
                "corpus             \(count) lines (seed \(seed)): \(summary.valid) valid, \(summary.invalid) invalid, \(count - summary.total) blank"
            )
            print(
                "detection          \(format(median)) numbers/s median of \(passes), best \(format(rates.last!)) (single thread)"
            )
            print(
                "full report        \(format(reportRate)) numbers/s (candidates, reasons, suggestions; \(reportCount) numbers)"
            )
            #if DEBUG
                print(
                    "note: this is a debug build; run `swift run -c release parceldesk bench numbers` for real figures")
            #endif
        }
    }

    func format(_ rate: Double) -> String {
        rate >= 1e6 ? String(format: "%.2fM", rate / 1e6) : String(format: "%.1fk", rate / 1e3)
    }
}

/// The deterministic corpus both bench subcommands use.
struct CorpusOptions: ParsableArguments {
    @Option(help: "Lines in the corpus.")
    var count = 1_000_000

    @Option(help: "Corpus seed: the same seed gives the same lines.")
    var seed: UInt64 = 7
}

/// Prints the benchmark corpus, so other tools can be timed on the same lines.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Print the deterministic mixed corpus the number benchmark uses, one per line."
    )

    @OptionGroup var corpus: CorpusOptions

    func run() {
        var output = OutputBuffer()
        for line in NumberCorpus().lines(count: corpus.count, seed: corpus.seed) { output.line(line) }
        output.flush()
    }
}

/// Normalize + merge + diagnose throughput on simulated shipments, and the
/// time to re-diagnose a million prepared shipments at a later moment.
struct DiagnoseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Diagnosis throughput on simulated shipments (single thread)."
    )

    @Option(help: "Simulated shipments.")
    var count = 200_000

    @Option(help: "Simulation seed.")
    var seed: UInt64 = 7

    @Option(
        help: ArgumentHelp(
            "Share of cross-border shipments (about 21 events each; domestic ones about 5).",
            discussion: "35 gives the ~10 events per shipment the target is set for; `simulate` uses 60."))
    var crossBorderPercent = 35

    @Option(help: "Diagnoses for the re-diagnosis measure (cycles through the prepared shipments).")
    var rediagnoses = 1_000_000

    @Option(help: "Timed passes of the full pipeline; the report gives the median and the best.")
    var passes = 3

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: "Also time the pipeline's stages separately.")
    var breakdown = false

    func run() {
        let now = Timestamp.parse("2026-11-22T09:00:00+09:00")!
        var config = SimulationConfig()
        config.crossBorderPercent = crossBorderPercent
        let simulator = Simulator(seed: seed, now: now, config: config)
        let documents = simulator.documents(count: count)
        let events = documents.reduce(0) { $0 + $1.events.count }
        let diagnoser = Diagnoser()

        var rates: [Double] = []
        var findings = 0
        for _ in 0..<passes {
            findings = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for document in documents { findings += diagnoser.analyze(document, now: now).diagnoses.count }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rates.append(Double(count) / seconds)
        }
        rates.sort()
        let median = rates[rates.count / 2]

        if breakdown {
            func time(_ label: String, _ body: () -> Int) {
                let start = DispatchTime.now().uptimeNanoseconds
                let work = body()
                let micro = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(count)
                print(String(format: "  %-28@ %.2f µs per shipment (%d)", label, micro, work))
            }
            time("timeline build") {
                documents.reduce(0) { total, document in
                    total
                        + diagnoser.builder.build(
                            document.events,
                            firstLeg: ShipmentLeg(
                                carrier: document.shipment.carrier ?? "",
                                trackingNumber: document.shipment.trackingNumber),
                            crossBorder: document.shipment.isCrossBorder, shippedAt: document.shipment.shippedAt
                        ).entries.count
                }
            }
            time("classify events") {
                documents.reduce(0) { total, document in
                    total
                        + document.events.reduce(0) {
                            $0 + (diagnoser.builder.normalizer.classify($1).status == nil ? 0 : 1)
                        }
                }
            }
            time("prepare") { documents.reduce(0) { $0 + diagnoser.prepare($1).fixedFindings.count } }
        }
        let prepared = documents.map(diagnoser.prepare)
        var rediagnosed = 0
        var total = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var round = 0
        while rediagnosed < rediagnoses {
            // Each pass is a later moment, as the server re-checks due shipments.
            let later = now.adding(hours: Double(round + 1) * 6)
            for shipment in prepared where rediagnosed < rediagnoses {
                total += diagnoser.diagnose(shipment, now: later).diagnoses.count
                rediagnosed += 1
            }
            round += 1
        }
        let rediagnoseSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        if json {
            print(
                "{\"shipments\":\(count),\"eventsPerShipment\":\(Double(events) / Double(count)),\"pipelinePerSecondMedian\":\(Int(median)),"
                    + "\"pipelinePerSecondBest\":\(Int(rates.last!)),\"rediagnoses\":\(rediagnoses),\"rediagnoseSeconds\":\(rediagnoseSeconds),\"findings\":\(findings + total - total)}"
            )
        } else {
            print(
                String(
                    format: "shipments          %d simulated (seed %d), %.1f events each, %d findings", count, seed,
                    Double(events) / Double(count), findings))
            print(
                String(
                    format:
                        "pipeline           %.0f shipments/s median of %d, best %.0f (normalize + merge + diagnose, single thread)",
                    median, passes, rates.last!))
            print(
                String(
                    format: "re-diagnosis       %d shipments in %.2f s (%.0f/s, single thread)", rediagnoses,
                    rediagnoseSeconds, Double(rediagnoses) / rediagnoseSeconds))
            #if DEBUG
                print(
                    "note: this is a debug build; run `swift run -c release parceldesk bench diagnose` for real figures"
                )
            #endif
        }
    }
}

/// The file `scripts/bench-import.sh` imports: a Smartstore export of `rows` rows.
struct SampleExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-export",
        abstract: "Write a realistic Smartstore order export (CSV) for the import benchmark.")

    @Option(help: "Data rows (one per product; about one order in four has two).")
    var rows = 100_000

    @Option(help: "Simulation seed.")
    var seed: UInt64 = 7

    @Option(help: "Where to write it.")
    var out: String

    @Option(
        help: ArgumentHelp(
            "Orders placed over the last N days (a seller's current export). Without it, over the 30 days from 2026-10-01, long enough ago that every parcel is overdue for its first scan.",
            valueName: "N"))
    var recentDays: Int?

    func run() throws {
        let data: Data
        if let recentDays {
            guard (1...365).contains(recentDays) else { throw ValidationError("--recent-days: expected 1 to 365") }
            let start = Timestamp(Date()).adding(days: -Double(recentDays))
            data = SampleExport(seed: seed, placedFrom: start, days: recentDays).csv(rows: rows)
        } else {
            data = SampleExport(seed: seed, placedFrom: Timestamp.parse("2026-10-01T09:00:00+09:00")!).csv(rows: rows)
        }
        do {
            try data.write(to: URL(fileURLWithPath: out))
        } catch {
            throw ValidationError("cannot write \(out): \(error.localizedDescription)")
        }
        print("Wrote \(rows) rows (\(data.count / 1024) KB) to \(out).")
    }
}
