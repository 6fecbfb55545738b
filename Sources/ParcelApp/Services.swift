import Foundation
import ParcelCore

/// Every use case over one store: what the server, the command line and
/// the tests assemble once and call.
public struct Services: Sendable {
    public let orders: OrderService
    public let ingestion: IngestionService
    public let imports: ImportService
    public let accounts: AccountService
    public let claims: ClaimService
    /// Buyer pages and the customer center's conversations.
    public let customerCenter: CustomerCenterService
    /// Each lane's reliability from the shop's recent orders.
    public let lanes: LaneService
    /// The tracking sources' API keys, stored sealed.
    public let sourceKeys: SourceKeyService
    /// The key the pages' `_csrf` values are derived with, besides the visitor's own cookie.
    public let formKey: String
    /// Checks incoming orders and events with the same detector the diagnosis uses.
    public let validator: OrderValidator

    public init(
        store: some OrderRepository & AccountRepository & ClaimRepository & CustomerCenterRepository
            & SourceKeyRepository,
        passwords: any PasswordHasher, evidence: any EvidenceFiles, evidenceLimits: EvidenceLimits = EvidenceLimits(),
        diagnoser: Diagnoser = Diagnoser(), sessionLifetime: Double = Double(AccountService.defaultSessionHours) * 3600,
        secretKey: SecretKey
    ) {
        let analyst = ShipmentAnalyst(diagnoser: diagnoser)
        validator = OrderValidator(detector: diagnoser.detector)
        orders = OrderService(repository: store, analyst: analyst)
        ingestion = IngestionService(repository: store, analyst: analyst)
        imports = ImportService(orders: orders, validator: validator)
        accounts = AccountService(repository: store, passwords: passwords, sessionLifetime: sessionLifetime)
        claims = ClaimService(
            repository: store, orders: store, diagnoser: diagnoser, files: evidence, limits: evidenceLimits)
        formKey = secretKey.derived("forms").base64EncodedString()
        sourceKeys = SourceKeyService(repository: store, key: secretKey.derived("source keys"))
        lanes = LaneService(orders: orders, claims: store, diagnoser: diagnoser)
        customerCenter = CustomerCenterService(
            repository: store, orders: orders, claims: claims, linkKey: secretKey.derived("buyer links"))
    }
}
