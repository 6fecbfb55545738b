import Foundation
import ParcelApp
import ParcelCore
import ParcelStore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Kills a real `parceldesk serve` with SIGKILL while it is taking event
/// batches, then opens its SQLite file: every batch the server acknowledged
/// must be there, and the file must be sound.
@Suite("parceldesk serve survives SIGKILL")
struct CrashTests {
    struct Server {
        let process: Process
        let base: URL

        static func start(db: String, errors: FileHandle = .nullDevice) async throws -> Server {
            for _ in 0..<5 {
                let port = Int.random(in: 20_000..<40_000)
                let process = Process()
                process.executableURL = CLIRunner.binary
                process.arguments = ["serve", "--db", db, "--port", String(port)]
                process.environment = ProcessInfo.processInfo.environment.merging(
                    ["PARCELDESK_LOG_LEVEL": "error"], uniquingKeysWith: { $1 })
                process.standardOutput = FileHandle.nullDevice
                process.standardError = errors
                try process.run()
                let base = URL(string: "http://127.0.0.1:\(port)")!
                for _ in 0..<100 {
                    if !process.isRunning { break }
                    if let (_, response) = try? await URLSession.shared.data(
                        from: base.appendingPathComponent("health")),
                        (response as? HTTPURLResponse)?.statusCode == 200
                    {
                        return Server(process: process, base: base)
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
                process.terminate()
                process.waitUntilExit()
            }
            throw CocoaError(.featureUnsupported)
        }
    }

    struct SentEvent: Hashable {
        let externalID: String
        let location: String
    }

    @Test("every acknowledged event is stored after a SIGKILL mid-stream, and integrity_check is ok")
    func killDuringIngestion() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parceldesk-crash-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("crash.sqlite").path

        // A small shop, and its API token.
        let demo = try CLIRunner.run(["demo", "--orders", "40", "--seed", "11", "--db", db, "--no-serve"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let token = try #require(
            demo.lines.first { $0.hasPrefix("API token:") }?.split(separator: " ").last.map(String.init))
        let handle = try await StoreHandle.open(.sqlite(path: db), migrate: false)
        let shipped = try await handle.store.orders(.init(limit: 200)).items.filter { $0.trackingNumber != nil }
        await handle.close()
        #expect(shipped.count > 20)

        // Stream batches until the process dies; remember what was acknowledged.
        let server = try await Server.start(db: db)
        let sender = Task { () -> (acknowledged: [SentEvent], batches: Int) in
            var acknowledged: [SentEvent] = []
            var batches = 0
            var request = URLRequest(url: server.base.appendingPathComponent("api/v1/events"))
            request.httpMethod = "POST"
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            while true {
                var sent: [SentEvent] = []
                var events: [[String: String]] = []
                for index in 0..<40 {
                    let order = shipped[(batches * 40 + index) % shipped.count]
                    let event = SentEvent(externalID: order.externalID, location: "CRASH-\(batches)-\(index)")
                    sent.append(event)
                    events.append([
                        "source": "cjlogistics", "trackingNumber": order.trackingNumber!, "text": "간선상차",
                        "time": "2026-11-20T\(10 + batches % 10):\(10 + index):00+09:00", "location": event.location,
                    ])
                }
                request.httpBody = try JSONSerialization.data(withJSONObject: ["events": events])
                guard let (body, response) = try? await URLSession.shared.data(for: request),
                    (response as? HTTPURLResponse)?.statusCode == 200
                else { return (acknowledged, batches) }
                let result = try JSONSerialization.jsonObject(with: body) as? [String: Any]
                #expect(result?["accepted"] as? Int == 40)
                acknowledged += sent
                batches += 1
            }
        }
        try await Task.sleep(for: .milliseconds(1500))
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        let (acknowledged, batches) = try await sender.value
        #expect(server.process.terminationReason == .uncaughtSignal)
        #expect(batches >= 3, "the server should acknowledge several batches before it is killed")

        // Nothing acknowledged is missing, and the file is sound.
        let reopened = try await StoreHandle.open(.sqlite(path: db), migrate: false)
        #expect(try await reopened.store.integrityCheck() == "ok")
        var stored: Set<SentEvent> = []
        for order in shipped {
            guard let found = try await reopened.store.order(order.externalID) else { continue }
            for event in found.events where event.location?.hasPrefix("CRASH-") == true {
                stored.insert(SentEvent(externalID: order.externalID, location: event.location!))
            }
        }
        await reopened.close()
        let missing = Set(acknowledged).subtracting(stored)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
    }

    @Test("a second SIGTERM while requests are in flight stops the server cleanly, without a crash")
    func doubleTerminate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parceldesk-term-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("term.sqlite").path
        #expect(try CLIRunner.run(["demo", "--orders", "20", "--db", db, "--no-serve"]).status == 0)
        let log = directory.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let errors = try FileHandle(forWritingTo: log)
        let server = try await Server.start(db: db, errors: errors)
        // Requests that reach the database, in flight when the signals come; each gives up after two seconds.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 2
        let session = URLSession(configuration: configuration)
        let health = server.base.appendingPathComponent("health")
        // Not cancelled: cancelling a request on Linux's URLSession can hang; once the server is gone each
        // of the rest is refused at once.
        for _ in 0..<16 {
            Task.detached {
                for _ in 0..<200 { _ = try? await session.data(from: health) }
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        server.process.terminate()
        try await Task.sleep(for: .milliseconds(30))
        server.process.terminate()
        for _ in 0..<300 where server.process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!server.process.isRunning, "the server still runs 30 s after two SIGTERMs")
        try errors.close()
        let stderr = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(!stderr.contains("runtime failure") && !stderr.contains("crashed"), "\(stderr.prefix(2000))")
        #expect(server.process.terminationReason == .exit, "\(server.process.terminationStatus)")
    }
}
