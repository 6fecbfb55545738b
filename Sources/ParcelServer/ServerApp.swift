import Fluent
import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import OpenAPIRuntime
import OpenAPIVapor
import ParcelCore
import ParcelStore
import Prometheus
import Vapor

/// What tests replace: the clock, the password cost, background work.
public struct ServerDependencies: Sendable {
    public var clock: ServerClock
    public var passwords: Passwords
    /// Re-diagnose due shipments in the background as time passes.
    public var refresher: Bool

    public init(clock: ServerClock = .live, passwords: Passwords = Passwords(), refresher: Bool = true) {
        self.clock = clock
        self.passwords = passwords
        self.refresher = refresher
    }
}

public enum ServerStartError: Error, CustomStringConvertible {
    case pendingMigrations(Int)

    public var description: String {
        switch self {
        case .pendingMigrations(let count):
            "the database has \(count) migration(s) to run: run `parceldesk migrate` first"
        }
    }
}

/// Builds the application: database, middleware, routes and the API. The one
/// place production and tests assemble the server.
@discardableResult
public func configure(
    _ app: Application, configuration: ServerConfiguration, dependencies: ServerDependencies = ServerDependencies()
) async throws -> Store {
    let store = try Store(
        location: configuration.location, databases: app.databases, logger: app.logger,
        eventLoopGroup: app.eventLoopGroup)
    app.lifecycle.use(StoreCloser(store: store))
    app.migrations.add(StoreMigrations.all)
    // The embedded SQLite default migrates itself; PostgreSQL is migrated as its own step.
    if configuration.location.isSQLite {
        try await app.autoMigrate()
    } else {
        let pending = try await app.migrator.previewPrepareBatch().get()
        if !pending.isEmpty { throw ServerStartError.pendingMigrations(pending.count) }
    }

    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    app.routes.defaultMaxBodySize = "64mb"

    let metrics = ServerMetrics()
    app.middleware = Middlewares()
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(MetricsMiddleware(metrics: metrics))

    app.get("health") { _ async throws -> Response in
        let started = ContinuousClock.now
        // A trivial query, not table counts: health checks come every few seconds.
        try await store.ping()
        let millis = (ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000
        let body = JSONValue.object([
            ("status", .string("ok")), ("database", .string(configuration.location.isSQLite ? "sqlite" : "postgresql")),
            ("databaseMillis", .int(Int(millis))),
        ])
        return Response(
            status: .ok, headers: ["content-type": "application/json"], body: .init(string: body.serialized()))
    }
    // The trivial route: the server's ceiling, measured beside the real ones.
    app.get("ping") { _ in "pong" }
    app.get("metrics") { _ -> Response in
        Response(
            status: .ok, headers: ["content-type": "text/plain; version=0.0.4"], body: .init(string: metrics.render()))
    }
    let specification = try APISpecification.yaml()
    app.get("openapi.yaml") { _ in
        Response(status: .ok, headers: ["content-type": "application/yaml"], body: .init(data: specification))
    }

    let validator = OrderValidator(detector: store.diagnoser.detector)
    let handler = APIHandler(
        store: store, validator: validator, clock: dependencies.clock, metrics: metrics,
        loginLimiter: RateLimiter(limit: configuration.loginAttemptsPerMinute), passwords: dependencies.passwords,
        logger: app.logger)
    let authenticated = app.grouped(AuthMiddleware(store: store, cache: TokenCache()))
    let transport = VaporTransport(routesBuilder: authenticated)
    // Compact JSON in declaration order: what machines read, and cheaper to write.
    try handler.registerHandlers(
        on: transport, serverURL: URL(string: "/")!,
        configuration: Configuration(jsonEncodingOptions: [.withoutEscapingSlashes]),
        middlewares: [InputErrorMiddleware(validator: validator)])
    OrderDetailRoute(store: store, clock: dependencies.clock).register(on: authenticated)
    EventBatchRoute(store: store, validator: validator, clock: dependencies.clock, metrics: metrics).register(
        on: authenticated)

    if dependencies.refresher, configuration.refreshSeconds > 0 {
        app.lifecycle.use(
            Refresher(
                store: store, clock: dependencies.clock, every: .seconds(Int64(configuration.refreshSeconds)),
                metrics: metrics, logger: app.logger))
    }
    if store.isSQLite {
        app.lifecycle.use(Checkpointer(store: store, metrics: metrics, logger: app.logger))
    }
    return store
}

/// Closes the store's own connections when the application shuts down.
struct StoreCloser: LifecycleHandler {
    let store: Store

    func shutdownAsync(_ application: Application) async {
        store.close()
    }
}

/// Keeps SQLite's write-ahead log copied back: a checkpoint every second
/// (`Store.checkpoint`), on a connection of its own. (Four times a second
/// copied the same hot pages over and over: a third fewer events/s.)
final class Checkpointer: LifecycleHandler, Sendable {
    let store: Store
    let metrics: ServerMetrics
    let logger: Logger
    static let interval: Duration = .seconds(1)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(store: Store, metrics: ServerMetrics, logger: Logger) {
        self.store = store
        self.metrics = metrics
        self.logger = logger
    }

    func didBootAsync(_ application: Application) async throws {
        let store = store
        let metrics = metrics
        let logger = logger
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.interval)
                    guard !Task.isCancelled else { break }
                    do {
                        let report = try await store.checkpoint()
                        metrics.checkpoints.record(report.duration)
                        metrics.logFrames.set(Int64(report.logFrames))
                    } catch {
                        logger.warning("WAL checkpoint failed", metadata: ["error": .string("\(error)")])
                    }
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
    }
}

/// The `openapi.yaml` the API's types were generated from, served as is.
enum APISpecification {
    static func yaml() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}

/// Re-diagnoses shipments whose findings change with time alone, in the background.
final class Refresher: LifecycleHandler, Sendable {
    let store: Store
    let clock: ServerClock
    let every: Duration
    let metrics: ServerMetrics
    let logger: Logger
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    static let chunk = 200

    init(store: Store, clock: ServerClock, every: Duration, metrics: ServerMetrics, logger: Logger) {
        self.store = store
        self.clock = clock
        self.every = every
        self.metrics = metrics
        self.logger = logger
    }

    func didBootAsync(_ application: Application) async throws {
        let store = store
        let clock = clock
        let every = every
        let metrics = metrics
        let logger = logger
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    do {
                        // Small transactions, so event batches waiting for the writer
                        // never queue behind more than ~50 ms of re-diagnosis.
                        var refreshed = 0
                        repeat {
                            refreshed = try await store.refreshDue(now: clock.now(), limit: Self.chunk)
                            metrics.shipmentsRefreshed.increment(by: Int64(refreshed))
                        } while refreshed == Self.chunk && !Task.isCancelled
                    } catch {
                        logger.error("refresh failed", metadata: ["error": .string("\(error)")])
                    }
                    try? await Task.sleep(for: every)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
    }
}
