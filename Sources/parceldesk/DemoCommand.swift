import ArgumentParser
import Foundation
import ParcelApp
import ParcelCore
import ParcelServer
import ParcelStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill a SQLite database with simulated orders in every state, then serve it.",
        discussion: """
            Orders are placed over the last 45 days, cross-border (Cainiao, Korean customs, a Korean \
            carrier) and domestic, with every fault the simulator knows, and claims in every state \
            (cancellations, returns, exchanges, refunds, disputes) on Smartstore, AliExpress and own-store \
            orders. A database that already has orders is reused. Prints the demo owner's login and an \
            API token.
            """)

    @Option(help: "Orders to create.")
    var orders = 2000

    @Option(help: "Simulation seed: the same seed gives the same shop.")
    var seed: UInt64 = 7

    @Option(
        help: ArgumentHelp(
            "SQLite database file (default ./parceldesk-demo.sqlite).",
            discussion: "Without --db, DATABASE_URL=postgres://… fills that PostgreSQL database instead."))
    var db: String?

    @Option(help: "Port to serve on.")
    var port = 8080

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Flag(help: "Fill the database and print the login, without serving.")
    var noServe = false

    static let ownerEmail = "demo@parceldesk.local"

    func validate() throws {
        guard orders >= 1, orders <= 1_000_000 else { throw ValidationError("--orders must be between 1 and 1000000") }
    }

    func run() async throws {
        let location: StoreLocation
        do {
            location = try StoreLocation.resolve(
                dbPath: db, environment: ProcessInfo.processInfo.environment, defaultPath: "./parceldesk-demo.sqlite")
        } catch {
            throw ValidationError("\(error)")
        }
        let configuration = try CommandServices.configuration()
        let handle = try await StoreHandle.open(location, migrate: true)
        let services = try configuration.services(over: handle.store)
        let now = Timestamp.current
        let existing = try await services.orders.counts()
        if existing.orders == 0 {
            let started = Date()
            let documents = Simulator(seed: seed, now: now).documents(count: orders)
            var random = SeededRandom(seed: seed)
            let newOrders = documents.map { Self.order(from: $0, random: &random) }
            for slice in newOrders.chunked(2000) {
                try await services.orders.createOrders(Array(slice), now: now, actor: "demo")
            }
            let told = try await DemoClaims.tell(services, documents: documents, now: now)
            let counts = try await services.orders.counts()
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print(
                "Created \(counts.orders) orders with \(counts.events) tracking events in \(location) (\(seconds) s).")
            print(
                "Opened \(told.claims) claims on Smartstore, AliExpress and own-store orders, one in every state a claim can be in."
            )
            for problem in told.refused { print("  not told: \(problem)") }
        } else {
            print("Reusing \(location): \(existing.orders) orders, \(existing.events) tracking events.")
            print("Bringing diagnoses up to date…")
            while try await services.ingestion.refreshDue(now: now, limit: 5000) == 5000 {}
        }
        let password = try await Self.ensureOwner(services.accounts, now: now)
        let token = try await services.accounts.createAPIToken(
            email: Self.ownerEmail, name: "demo", lifetime: nil, now: now, actor: "demo"
        ).token
        let queue = try await services.orders.queueSummary()
        let claimDeadlines = try await services.claims.queueItems(now: now, limit: 1000).count
        // A parcel stuck on its way, for the buyer page's first look.
        let stuck = try await services.orders.queue(minimum: .watch, limit: 1000).first {
            ["stalled_international", "stalled_origin", "long_silence", "handoff_missing"].contains($0.code)
        }
        var buyerPage = ""
        if let stuck {
            let token = try await services.customerCenter.buyerToken(for: stuck.orderID, now: now)
            buyerPage = "\nBuyer page:  http://\(host):\(port)/t/\(token)  (order \(stuck.externalID), no sign-in)"
        }
        await handle.close()

        let base = "http://\(host):\(port)"
        print(
            """

            Today's queue: \(queue[.urgent, default: 0]) orders urgent, \(queue[.act, default: 0]) to act on, \
            \(queue[.watch, default: 0]) to watch; \(claimDeadlines) claim deadlines within two days.

            Seller desk: \(base)/  (sign in as the demo owner)
            Demo owner:  \(Self.ownerEmail)  password: \(password)\(buyerPage)
            API token:   \(token)

            Try:
              curl -H 'Authorization: Bearer \(token)' \(base)/api/v1/queue
              curl -H 'Authorization: Bearer \(token)' '\(base)/api/v1/orders?q=LP'
              curl -H 'Authorization: Bearer \(token)' '\(base)/api/v1/claims?state=requested'
              curl \(base)/health
            """)
        if noServe { return }
        var serving = configuration
        serving.location = location
        serving.host = host
        serving.port = port
        // A demo runs on one machine: a webhook receiver to try it with is on it too.
        serving.allowsPrivateWebhooks = true
        print("Serving \(base) (Ctrl-C to stop)")
        // Piped or redirected, standard output is block-buffered: the login
        // would otherwise wait there until the server stops.
        fflush(nil)
        try await Server.run(serving)
    }

    /// The demo owner with a new password each run (created the first time), so the
    /// printed sign-in always works on a reused database.
    static func ensureOwner(_ accounts: AccountService, now: Timestamp) async throws -> String {
        let password = "demo-" + String(UUID().uuidString.prefix(8)).lowercased()
        if try await accounts.user(email: ownerEmail) != nil {
            try await accounts.setPassword(email: ownerEmail, password: password, now: now, actor: "demo")
        } else {
            _ = try await accounts.createUser(
                email: ownerEmail, password: password, role: .owner, now: now, actor: "demo")
        }
        return password
    }

    static let products: [(name: String, krw: Int, usd: String)] = [
        ("무선 이어폰 실리콘 케이스", 8_900, "3.99"), ("스테인리스 텀블러 500ml", 15_800, "9.50"),
        ("차량용 휴대폰 거치대", 12_000, "6.20"), ("캠핑 LED 랜턴", 23_500, "14.90"), ("요가 매트 8mm", 19_900, "11.40"),
        ("무드등 수면등", 17_000, "8.80"), ("실리콘 주방 집게 2P", 6_500, "2.70"), ("여행용 파우치 6종 세트", 11_900, "5.60"),
    ]

    static func order(from document: ShipmentDocument, random: inout SeededRandom) -> NewOrder {
        let product = random.pick(products)
        let quantity = random.chance(20) ? 2 : 1
        let crossBorder = document.shipment.isCrossBorder
        let price = crossBorder ? Decimal(string: product.usd) : Decimal(product.krw)
        let phone = "010-\(1000 + random.below(9000))-\(1000 + random.below(9000))"
        return NewOrder(
            OrderDraft(
                info: document.order, buyerPhone: phone,
                items: [OrderItem(name: product.name, quantity: quantity, price: price)], shipment: document.shipment),
            events: document.events)
    }
}
