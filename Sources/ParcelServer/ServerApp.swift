import Fluent
import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import OpenAPIRuntime
import OpenAPIVapor
import ParcelApp
import ParcelCore
import ParcelStore
import Prometheus
import Vapor

/// What tests replace: the clock, the password cost, background work.
public struct ServerDependencies: Sendable {
    public var clock: ServerClock
    /// bcrypt at the configured cost when nil.
    public var passwords: (any ParcelApp.PasswordHasher)?
    /// Re-diagnose due shipments in the background as time passes.
    public var refresher: Bool

    public init(clock: ServerClock = .live, passwords: (any ParcelApp.PasswordHasher)? = nil, refresher: Bool = true) {
        self.clock = clock
        self.passwords = passwords
        self.refresher = refresher
    }
}

/// What `configure` built: the store under the services, and the services.
public struct ServerParts: Sendable {
    public let store: Store
    public let services: Services
}

public enum ServerStartError: Error, CustomStringConvertible {
    case pendingMigrations(Int)
    case addressInUse(host: String, port: Int)

    public var description: String {
        switch self {
        case .pendingMigrations(let count):
            "the database has \(count) migration(s) to run: run `parceldesk migrate` first"
        case .addressInUse(let host, let port):
            "\(host):\(port) is already in use; choose another with --port "
                + "(or PARCELDESK_PORT), or stop what is listening there"
        }
    }
}

/// Builds the application: database, services, middleware, routes and the
/// API. The one place production and tests assemble the server.
@discardableResult
public func configure(
    _ app: Application, configuration: ServerConfiguration, dependencies: ServerDependencies = ServerDependencies()
) async throws -> ServerParts {
    let store = try Store(
        location: configuration.location, databases: app.databases, logger: app.logger,
        eventLoopGroup: app.eventLoopGroup)
    app.lifecycle.use(StoreCloser(store: store))
    app.migrations.add(StoreMigrations.all)
    if configuration.location.migratesItself {
        try await app.autoMigrate()
    } else {
        do {
            let pending = try await app.migrator.previewPrepareBatch().get()
            if !pending.isEmpty { throw ServerStartError.pendingMigrations(pending.count) }
        } catch  where Store.isUnavailable(error) {
            // Up without the database: /health says it is down and the API answers 503
            // until it is back, then works without a restart.
            app.logger.warning("the database cannot be reached; starting anyway and answering 503 until it can")
        }
    }
    let services = try configuration.services(over: store, passwords: dependencies.passwords)
    do {
        try await services.settings.load()
    } catch  where Store.isUnavailable(error) {
        app.logger.warning(
            "the owner's thresholds and wording could not be read; the built-in ones apply until a restart")
    }
    let rules = RouteRules.rules(evidenceFileBytes: configuration.evidenceLimits.fileBytes)
    let clock = dependencies.clock

    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    app.routes.defaultMaxBodySize = .init(stringLiteral: "\(rules.map(\.maxBody).max() ?? 0)")
    // A connection that sends nothing for this long is closed, a request head never finished included.
    app.http.server.configuration.idleTimeout = .seconds(Int64(configuration.idleTimeoutSeconds))

    let metrics = ServerMetrics()
    app.middleware = Middlewares()
    app.middleware.use(ResponseHeaders())
    app.middleware.use(ProblemMiddleware(logger: app.logger, isUnavailable: Store.isUnavailable))
    app.middleware.use(MetricsMiddleware(metrics: metrics))
    let tokenCache = TokenCache()
    app.middleware.use(
        IdentifyMiddleware(accounts: services.accounts, cache: tokenCache, clock: clock, proxy: configuration.proxy))
    app.middleware.use(RequestGuard(rules: rules))

    // Open to anyone: health checks, metrics scrapes, the contract.
    app.get("health") { _ async throws -> Response in
        let started = ContinuousClock.now
        do {
            // A trivial query, not table counts: health checks come every few seconds.
            try await store.ping()
        } catch  where Store.isUnavailable(error) {
            let body = JSONValue.object([
                ("status", .string("unavailable")), ("database", .string(store.engineName)),
                ("error", .string("the database cannot be reached")),
            ])
            return Response(
                status: .serviceUnavailable,
                headers: [
                    "content-type": "application/json", "retry-after": "\(ProblemMiddleware.retryAfterSeconds)",
                ], body: .init(string: body.serialized()))
        }
        let millis = (ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000
        let body = JSONValue.object([
            ("status", .string("ok")), ("database", .string(store.engineName)),
            ("databaseMillis", .int(Int(millis))),
        ])
        return Response(
            status: .ok, headers: ["content-type": "application/json"], body: .init(string: body.serialized()))
    }
    // The trivial route: the server's ceiling, measured beside the real ones.
    app.get("ping") { _ in "pong" }
    let metricsToken = configuration.metricsToken
    app.get("metrics") { request -> Response in
        if let metricsToken, !constantTimeEqual(request.headers.bearerAuthorization?.token ?? "", metricsToken) {
            return problem(.unauthorized, "send Authorization: Bearer <PARCELDESK_METRICS_TOKEN>")
        }
        return Response(
            status: .ok, headers: ["content-type": "text/plain; version=0.0.4"], body: .init(string: metrics.render()))
    }
    let specification = try APISpecification.yaml()
    app.get("openapi.yaml") { _ in
        Response(status: .ok, headers: ["content-type": "application/yaml"], body: .init(data: specification))
    }

    // The API: each operation's access is in `OperationAccess`, checked before its input is read.
    // One count of sign-in attempts for the API and the sign-in page.
    let signInLimits = SignInLimits(
        perAccount: configuration.loginAttemptsPerAccount, perAddress: configuration.loginAttemptsPerAddress)
    let handler = APIHandler(
        services: services, clock: clock, metrics: metrics, signInLimits: signInLimits, tokenCache: tokenCache,
        logger: app.logger)
    // Compact JSON in declaration order: what machines read, and cheaper to write.
    try handler.registerHandlers(
        on: VaporTransport(routesBuilder: app.routes), serverURL: URL(string: "/")!,
        configuration: Configuration(jsonEncodingOptions: [.withoutEscapingSlashes]),
        middlewares: [AccessMiddleware(logger: app.logger), InputErrorMiddleware(validator: services.validator)])
    let dailyWork = app.grouped(RequireAccess(access: .requires(.dailyWork)))
    OrderDetailRoute(orders: services.orders, claims: services.claims, center: services.customerCenter, clock: clock)
        .register(on: dailyWork)
    ClaimFileRoutes(claims: services.claims, clock: clock).register(on: dailyWork)
    EventBatchRoute(ingestion: services.ingestion, validator: services.validator, clock: clock, metrics: metrics)
        .register(on: dailyWork)

    // The pages: the seller's behind a session cookie, the buyer's behind their token.
    let forms = FormGuard(key: services.formKey)
    SessionRoutes(
        accounts: services.accounts, limits: signInLimits, cache: tokenCache, clock: clock,
        sessionSeconds: configuration.sessionHours * 3600, forms: forms
    ).register(on: app.routes)
    DeskRoutes(services: services, clock: clock, forms: forms, cache: tokenCache).register(on: app.routes)
    BuyerRoutes(
        services: services, clock: clock, limiter: RateLimiter(limit: configuration.buyerRequestsPerMinute),
        forms: forms
    ).register(on: app.routes)
    app.get("assets", "desk.js") { _ in
        Response(
            status: .ok,
            headers: ["content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600"],
            body: .init(string: DeskScript.source))
    }

    if dependencies.refresher, configuration.refreshSeconds > 0 {
        // Small transactions, so event batches waiting for the writer never
        // queue behind more than ~50 ms of re-diagnosis.
        let chunk = 200
        let ingestion = services.ingestion
        let claims = services.claims
        app.lifecycle.use(
            PeriodicTask(name: "refresh", every: .seconds(Int64(configuration.refreshSeconds)), logger: app.logger) {
                var refreshed = 0
                repeat {
                    refreshed = try await ingestion.refreshDue(now: clock.now(), limit: chunk)
                    metrics.shipmentsRefreshed.increment(by: Int64(refreshed))
                } while refreshed == chunk && !Task.isCancelled
                // Claims whose deadline passed: time may have moved them on (a seller's silence decided).
                try await claims.refreshDue(now: clock.now())
            })
    }
    if dependencies.refresher, configuration.webhookSeconds > 0 {
        // Receivers are not followed elsewhere: a redirect is an answer, not a new address to post to.
        app.http.client.configuration.redirectConfiguration = .disallow
        let transport = VaporWebhookTransport(
            client: app.client, allowsPrivateAddresses: configuration.allowsPrivateWebhooks)
        let webhooks = services.webhooks
        app.lifecycle.use(
            PeriodicTask(name: "webhooks", every: .seconds(Int64(configuration.webhookSeconds)), logger: app.logger) {
                try await webhooks.collect(now: clock.now())
                try await webhooks.deliverDue(clock: { clock.now() }, transport: transport)
            })
    }
    if dependencies.refresher {
        // Another server on the same database may have changed them; and a start without the database gets them here.
        let settings = services.settings
        app.lifecycle.use(
            PeriodicTask(name: "settings", every: .seconds(30), logger: app.logger, firstRunAfterInterval: true) {
                try await settings.load()
            })
    }
    if store.wantsCheckpoints {
        // Once a second: more often copies the same hot pages again and again (docs/PERFORMANCE.md).
        app.lifecycle.use(
            PeriodicTask(name: "WAL checkpoint", every: .seconds(1), logger: app.logger, firstRunAfterInterval: true) {
                let report = try await store.checkpoint()
                metrics.checkpoints.record(report.duration)
                metrics.logFrames.set(Int64(report.logFrames))
            })
    }
    return ServerParts(store: store, services: services)
}

/// Closes the store's own connections when the application shuts down.
struct StoreCloser: LifecycleHandler {
    let store: Store

    func shutdownAsync(_ application: Application) async {
        store.close()
    }
}

/// Background work that runs every `interval` while the server is up, and
/// stops with it. A failed run is logged and the next one comes on time.
final class PeriodicTask: LifecycleHandler, Sendable {
    let name: String
    let interval: Duration
    let logger: Logger
    /// Wait one interval before the first run (the checkpoint has nothing to do at boot).
    let firstRunAfterInterval: Bool
    let work: @Sendable () async throws -> Void
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(
        name: String, every interval: Duration, logger: Logger, firstRunAfterInterval: Bool = false,
        _ work: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.firstRunAfterInterval = firstRunAfterInterval
        self.work = work
    }

    func didBootAsync(_ application: Application) async throws {
        let (name, interval, logger, delayFirst, work) = (
            self.name, self.interval, self.logger, firstRunAfterInterval, self.work
        )
        task.withLockedValue {
            $0 = Task {
                if delayFirst { try? await Task.sleep(for: interval) }
                while !Task.isCancelled {
                    do {
                        try await work()
                    } catch {
                        logger.warning("\(name) failed", metadata: ["error": .string("\(error)")])
                    }
                    try? await Task.sleep(for: interval)
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
