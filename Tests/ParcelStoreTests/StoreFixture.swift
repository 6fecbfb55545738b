import FluentKit
import Foundation
import ParcelApp
import ParcelCore
import ParcelStore
import ParcelTestSupport
import Testing

/// The engines the store suite runs on: SQLite always, PostgreSQL when
/// `PARCELDESK_TEST_POSTGRES_URL` names a database the suite may wipe.
enum Engine: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static var available: [Engine] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["PARCELDESK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    var testDescription: String { rawValue }

    /// A migrated, empty store for one test, with the services over it.
    func withStore(_ body: (Desk) async throws -> Void) async throws {
        try await withHandle { handle in
            let desk = Desk(handle.store)
            defer { try? FileManager.default.removeItem(at: desk.evidenceRoot) }
            try await body(desk)
        }
    }

    /// An empty store migrated through `migrations` only, for a test of what a later migration carries forward.
    func withHandle(
        migratedThrough migrations: [any Migration] = StoreMigrations.all, _ body: (StoreHandle) async throws -> Void
    ) async throws {
        let handle: StoreHandle
        switch self {
        case .sqlite: handle = try await StoreHandle.open(.memory, migrate: false)
        case .postgres: handle = try await StoreHandle.open(.postgres(url: Engine.postgresURL!), migrate: false)
        }
        do {
            if self == .postgres { try await handle.revertAll() }
            try await handle.migrate(migrations)
            try await body(handle)
        } catch {
            await handle.close()
            throw error
        }
        await handle.close()
    }
}

/// A store and the services over it, as the server assembles them.
struct Desk {
    let store: Store
    let services: Services
    /// Where this test's evidence files go; removed after the test.
    let evidenceRoot: URL

    init(_ store: Store, evidenceLimits: EvidenceLimits = EvidenceLimits()) {
        self.store = store
        evidenceRoot = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parceldesk-evidence-\(UUID().uuidString)")
        services = Services(
            store: store, passwords: PlainPasswords(), evidence: DiskEvidenceFiles(root: evidenceRoot),
            evidenceLimits: evidenceLimits, secretKey: .random())
    }

    var claims: ClaimService { services.claims }

    var orders: OrderService { services.orders }
    var ingestion: IngestionService { services.ingestion }
    var accounts: AccountService { services.accounts }
    var imports: ImportService { services.imports }
}

/// Passwords kept as they are: these tests are about storage, not bcrypt.
struct PlainPasswords: PasswordHasher {
    func hash(_ password: String) async throws -> String { "plain:" + password }
    func verify(_ password: String, hash: String) async throws -> Bool { hash == "plain:" + password }
}

let now = time("2026-11-22T09:00:00+09:00")

/// An AliExpress order shipped with Cainiao, `hoursAgo` before `now`.
func draft(
    _ id: String, number: String = "LP00123456789012", buyer: String = "김민지", shippedHoursAgo: Double = 30,
    carrier: String? = "cn.cainiao"
) -> OrderDraft {
    let shipped = now.adding(hours: -shippedHoursAgo)
    return OrderDraft(
        info: OrderInfo(
            id: id, marketplace: "aliexpress", placedAt: shipped.adding(hours: -20), confirmedAt: nil,
            promisedBy: shipped.adding(days: 20), buyerName: buyer),
        buyerPhone: "010-1234-5678", buyerEmail: nil,
        items: [OrderItem(name: "휴대폰 케이스", quantity: 2, price: Decimal(string: "12.50"))],
        shipment: ShipmentInfo(
            carrier: carrier, trackingNumber: number, shippingOption: "AliExpress Standard Shipping",
            shippedAt: shipped.at(utcOffset: Timestamp.chinaStandard), origin: "CN", destination: "KR"))
}

func cainiao(_ number: String, hoursAgo: Double, code: String, text: String) -> RawTrackingEvent {
    RawTrackingEvent(
        source: "cainiao", carrier: "cn.cainiao", trackingNumber: number,
        time: now.adding(hours: -hoursAgo).at(utcOffset: Timestamp.chinaStandard), code: code, text: text)
}
