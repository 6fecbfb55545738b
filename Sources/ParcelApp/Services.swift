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
    /// The owner's thresholds per lane and message wording, in force as saved.
    public let settings: SettingsService
    /// Signed event deliveries to the owner's URLs.
    public let webhooks: WebhookService
    /// The key the pages' `_csrf` values are derived with, besides the visitor's own cookie.
    public let formKey: String
    /// Checks incoming orders and events with the same detector the diagnosis uses.
    public let validator: OrderValidator

    public init(
        store: some OrderRepository & AccountRepository & ClaimRepository & CustomerCenterRepository
            & SourceKeyRepository & SettingsRepository & WebhookRepository,
        passwords: any PasswordHasher, evidence: any EvidenceFiles, evidenceLimits: EvidenceLimits = EvidenceLimits(),
        diagnoser: Diagnoser = Diagnoser(), sessionLifetime: Double = Double(AccountService.defaultSessionHours) * 3600,
        secretKey: SecretKey, allowsPrivateWebhooks: Bool = false
    ) {
        let live = LiveSettings(diagnoser)
        let analyst = ShipmentAnalyst(settings: live)
        validator = OrderValidator(detector: diagnoser.detector)
        orders = OrderService(repository: store, analyst: analyst)
        ingestion = IngestionService(repository: store, analyst: analyst)
        imports = ImportService(orders: orders, validator: validator)
        accounts = AccountService(repository: store, passwords: passwords, sessionLifetime: sessionLifetime)
        claims = ClaimService(
            repository: store, orders: store, settings: live, files: evidence, limits: evidenceLimits)
        formKey = secretKey.derived("forms").base64EncodedString()
        sourceKeys = SourceKeyService(repository: store, key: secretKey.derived("source keys"))
        lanes = LaneService(orders: orders, claims: store, settings: live)
        settings = SettingsService(repository: store, live: live)
        webhooks = WebhookService(
            repository: store, key: secretKey.derived("webhook secrets"), allowsPrivateAddresses: allowsPrivateWebhooks)
        customerCenter = CustomerCenterService(
            repository: store, orders: orders, claims: claims, linkKey: secretKey.derived("buyer links"))
    }
}
