import Foundation
import ParcelApp
import ParcelCore
import ParcelStore
import Testing

/// The commands that open the database: migrate, user, token, import, demo.
/// Each test works on its own temporary SQLite file.
@Suite("parceldesk migrate, user, token, import")
struct ServerCommandTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ParcelServerTests/Fixtures/\(name)").path
    }

    func withDatabase(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parceldesk-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory.appendingPathComponent("desk.sqlite").path)
    }

    @Test("user create reads the password from standard input; token create prints a token that signs in")
    func accounts() async throws {
        try await withDatabase { db in
            // MUT
            let created = try CLIRunner.run(
                ["user", "create", "--email", "Owner@Example.com", "--role", "owner", "--db", db],
                stdin: "correct horse battery\n")
            let again = try CLIRunner.run(
                ["user", "create", "--email", "owner@example.com", "--db", db], stdin: "another password\n")
            let short = try CLIRunner.run(["user", "create", "--email", "b@example.com", "--db", db], stdin: "short\n")
            let badRole = try CLIRunner.run([
                "user", "create", "--email", "c@example.com", "--role", "boss", "--db", db,
            ])
            let token = try CLIRunner.run(["token", "create", "--email", "owner@example.com", "--db", db])
            let nobody = try CLIRunner.run(["token", "create", "--email", "nobody@example.com", "--db", db])
            // validate
            #expect(created.status == 0, "\(created.stderr)")
            #expect(again.status != 0)
            #expect(again.stderr.contains("owner@example.com"))
            #expect(short.status != 0)
            #expect(short.stderr.contains("8 characters"))
            #expect(badRole.status == 64 || badRole.status == 2)
            #expect(badRole.stderr.contains("role"))
            #expect(token.status == 0, "\(token.stderr)")
            let printed = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(printed.hasPrefix("pd_"))
            #expect(nobody.status != 0)
            #expect(nobody.stderr.contains("nobody@example.com"))
            // The token works, and only its hash is stored.
            let handle = try await StoreHandle.open(.sqlite(path: db), migrate: false)
            let user = try await handle.store.token(hash: Hashing.sha256(printed))
            let file = try String(contentsOfFile: db, encoding: .isoLatin1)
            await handle.close()
            #expect(user?.user.email == "owner@example.com")
            #expect(user?.token.isLive(at: Date().timeIntervalSince1970) == true)
            #expect(!file.contains(printed))
        }
    }

    @Test("token create --expires-in sets the expiry; token revoke ends a token read from standard input or by name")
    func tokenLifetimes() async throws {
        try await withDatabase { db in
            // setup
            _ = try CLIRunner.run(
                ["user", "create", "--email", "staff@example.com", "--db", db], stdin: "correct horse battery\n")
            // MUT
            let expiring = try CLIRunner.run(
                [
                    "token", "create", "--email", "staff@example.com", "--name", "poller", "--expires-in", "2h", "--db",
                    db,
                ])
            let badLifetime = try CLIRunner.run(
                ["token", "create", "--email", "staff@example.com", "--expires-in", "soon", "--db", db])
            let kept = try CLIRunner.run(["token", "create", "--email", "staff@example.com", "--db", db])
            let keptToken = kept.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let expiringToken = expiring.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let byInput = try CLIRunner.run(["token", "revoke", "--db", db], stdin: keptToken + "\n")
            let again = try CLIRunner.run(["token", "revoke", "--db", db], stdin: keptToken + "\n")
            let byName = try CLIRunner.run(
                ["token", "revoke", "--email", "staff@example.com", "--name", "poller", "--db", db])
            let listed = try CLIRunner.run(["token", "list", "--email", "staff@example.com", "--db", db])
            // validate
            #expect(expiring.status == 0, "\(expiring.stderr)")
            #expect(expiring.stderr.contains("works until"))
            #expect(badLifetime.status != 0)
            #expect(badLifetime.stderr.contains("expires-in"))
            #expect(byInput.status == 0, "\(byInput.stderr)")
            #expect(byInput.stdout.contains("Revoked 1"))
            #expect(again.status != 0)
            #expect(again.stderr.contains("nothing revoked"))
            #expect(byName.status == 0, "\(byName.stderr)")
            #expect(listed.lines.count == 2)
            #expect(listed.lines.allSatisfy { $0.contains("revoked") })
            let handle = try await StoreHandle.open(.sqlite(path: db), migrate: false)
            let poller = try await handle.store.token(hash: Hashing.sha256(expiringToken))
            let cli = try await handle.store.token(hash: Hashing.sha256(keptToken))
            await handle.close()
            let made = try #require(poller?.token.createdAt)
            #expect(poller?.token.expiresAt.map { $0 - made } == 7200)
            #expect(poller?.token.revokedAt != nil)
            #expect(cli?.token.revokedAt != nil)
            #expect(cli?.token.expiresAt == nil)
        }
    }

    @Test("import: a good export is stored; a broken one imports nothing, names every line, and exits 1")
    func importFiles() async throws {
        try await withDatabase { db in
            // MUT
            let broken = try CLIRunner.run(
                ["import", Self.fixture("smartstore-broken.csv"), "--format", "smartstore", "--db", db])
            let skipping = try CLIRunner.run(
                [
                    "import", Self.fixture("smartstore-broken.csv"), "--format", "smartstore", "--skip-bad", "--json",
                    "--db", db,
                ])
            let good = try CLIRunner.run(
                ["import", Self.fixture("aliexpress-orders.csv"), "--format", "aliexpress", "--db", db])
            let unknownFormat = try CLIRunner.run(["import", Self.fixture("aliexpress-orders.csv"), "--format", "ebay"])
            // validate
            #expect(broken.status == 1)
            #expect(broken.stdout.contains("Nothing imported"))
            for line in ["line 3", "line 4", "line 5", "line 6"] {
                #expect(broken.stdout.contains(line), "\(line) missing from: \(broken.stdout)")
            }
            #expect(skipping.status == 0, "\(skipping.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(skipping.stdout.utf8)) as? [String: Any])
            #expect(report["imported"] as? Int == 1)
            #expect(report["skipped"] as? Int == 4)
            #expect(good.status == 0, "\(good.stderr)")
            #expect(good.stdout.contains("Imported"))
            #expect(unknownFormat.status != 0)
            #expect(unknownFormat.stderr.contains("format"))
            // What the broken run refused is not there; what the others took is.
            let handle = try await StoreHandle.open(.sqlite(path: db), migrate: false)
            let counts = try await handle.store.counts()
            let kept = try await handle.store.order("2026111912345600")
            await handle.close()
            #expect(kept != nil)
            #expect(importedCount(good.stdout) > 0)
            #expect(counts.orders == 1 + importedCount(good.stdout))
        }
    }

    @Test("migrate creates the tables; a bad DATABASE_URL is named and nothing starts")
    func migrate() async throws {
        try await withDatabase { db in
            // MUT
            let migrated = try CLIRunner.run(["migrate", "--db", db])
            let badURL = try CLIRunner.run(["migrate"], environment: ["DATABASE_URL": "mysql://localhost/desk"])
            // validate
            #expect(migrated.status == 0, "\(migrated.stderr)")
            #expect(FileManager.default.fileExists(atPath: db))
            let handle = try await StoreHandle.open(.sqlite(path: db), migrate: false)
            #expect(try await handle.store.counts().orders == 0)
            await handle.close()
            #expect(badURL.status != 0)
            #expect(badURL.stderr.contains("DATABASE_URL"))
        }
    }

    @Test("serve on a port already taken says so and exits 2")
    func portInUse() async throws {
        try await withDatabase { db in
            let running = try await CrashTests.Server.start(db: db)
            defer {
                running.process.terminate()
                running.process.waitUntilExit()
            }
            // MUT
            let second = try CLIRunner.run(["serve", "--db", db, "--port", String(running.base.port!)])
            // validate
            #expect(second.status == 2)
            #expect(second.stderr.contains("already in use"), "\(second.stderr)")
        }
    }

    /// "Imported N order(s) …" → N.
    func importedCount(_ text: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Imported ") }) else { return 0 }
        return Int(line.split(separator: " ")[1]) ?? 0
    }

    @Test("demo opens claims in every state on both marketplaces; export claim writes their bundle")
    func demoClaimsAndExport() async throws {
        try await withDatabase { db in
            // MUT
            let demo = try CLIRunner.run(["demo", "--orders", "400", "--seed", "7", "--db", db, "--no-serve"])
            // validate
            #expect(demo.status == 0, "\(demo.stderr)")
            #expect(demo.stdout.contains("claims on Smartstore, AliExpress"))
            #expect(!demo.stdout.contains("not told"), "\(demo.stdout)")
            let handle = try await StoreHandle.open(.sqlite(path: db), migrate: false)
            let claims = try await handle.store.claims(ClaimFilter(limit: 200)).items
            await handle.close()
            #expect(Set(claims.map(\.state)) == Set(ClaimState.allCases))
            let marketplaces = Set(claims.map { $0.orderExternalID.hasPrefix("AE") })
            #expect(marketplaces == [true, false])
            // MUT: the bundle of a claim, by its label.
            let label = try #require(claims.first { $0.claim.type == .return }?.label)
            let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("bundle.zip").path
            let export = try CLIRunner.run(["export", "claim", label, "--out", out, "--db", db])
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.contains("manifest.json"))
            let zip = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            let unknown = try CLIRunner.run(["export", "claim", "S-404-C1", "--db", db])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("S-404-C1"))
        }
    }
}
