import FluentKit
import SQLKit

/// Every migration, in the order they run. Append; never reorder.
public enum StoreMigrations {
    public static let all: [any Migration] = [
        CreateUsers(),
        CreateAPITokens(),
        CreateOrders(),
        CreateShipments(),
        CreateLegs(),
        CreateTrackingEvents(),
        CreateDiagnoses(),
        CreateAuditLog(),
        AddTokenLifetimes(),
        CreateClaims(),
        CreateClaimSteps(),
        CreateClaimEvidence(),
        AddClaimCountToOrders(),
        CreateCustomerCenter(),
        AddShipmentSeverityIndex(),
        AddAuditSubjectIndex(),
        CreateSourceKeys(),
        CreateSettings(),
        AddOrderSearchIndex(),
    ]
}

extension Database {
    /// The SQL layer under Fluent: both drivers provide one.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw StoreError.notSQL }
        return sql
    }
}
