import ParcelApp
import Testing

@Suite("Roles")
struct RoleTests {
    @Test("owners may do everything; staff only the daily work")
    func permissions() {
        for permission in Permission.allCases { #expect(Role.owner.allows(permission)) }
        #expect(Role.staff.allows(.dailyWork))
        #expect(!Role.staff.allows(.manageAccounts))
        #expect(!Role.staff.allows(.manageTokensOfOthers))
        #expect(!Role.staff.allows(.manageSettings))
    }
}
