import ArgumentParser
import Foundation
import Logging
import ParcelApp
import ParcelCore
import ParcelServer
import ParcelStore

/// `--db PATH` for every command that opens the database; `DATABASE_URL` otherwise.
struct DatabaseOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "SQLite database file (default ./parceldesk.sqlite).",
            discussion: "Without --db, DATABASE_URL=postgres://… selects PostgreSQL."))
    var db: String?

    func location() throws -> StoreLocation {
        do {
            return try StoreLocation.resolve(dbPath: db, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the ParcelDesk server (REST API, /health, /metrics, /openapi.yaml).",
        discussion: """
            Settings come from PARCELDESK_* variables and DATABASE_URL (see docs/SERVER.md and .env.example); flags win. \
            The embedded SQLite database migrates itself; run `parceldesk migrate` first for PostgreSQL.
            """)

    @Option(help: "Address to listen on (PARCELDESK_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port (PARCELDESK_PORT, default 8080).")
    var port: Int?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration.load(
                environment: ProcessInfo.processInfo.environment, host: host, port: port, dbPath: database.db)
        } catch {
            throw ValidationError("\(error)")
        }
        try await Server.run(configuration)
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database's tables.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let location = try database.location()
        let handle = try await StoreHandle.open(location, migrate: true)
        await handle.close()
        print("Migrated \(location).")
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage sign-in accounts.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a user; the password is read from a prompt or standard input.")

        @Option(help: "E-mail address (the sign-in name).")
        var email: String

        @Option(help: "owner (accounts, settings and the daily work) or staff (the daily work).")
        var role: Role = .staff

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard ContactCheck.isEmail(email.trimmed.lowercased()) else {
                throw ValidationError("--email: \(AccountError.invalidEmail(email))")
            }
        }

        func run() async throws {
            let password = try Prompt.password()
            let user = try await CommandServices.with(try database.location()) { services, _ in
                do {
                    return try await services.accounts.createUser(
                        email: email, password: password, role: role, now: .current, actor: "cli")
                } catch let error as AccountError {
                    throw ValidationError("\(error)")
                }
            }
            print("Created \(user.role.rawValue) \(user.email).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let users = try await CommandServices.with(try database.location()) { services, _ in
                try await services.accounts.users()
            }
            for user in users {
                print("\(user.email)\t\(user.role.rawValue)\t\(Timestamp(epochSeconds: user.createdAt).display())")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Print a new API token for a user (shown once; only its hash is kept).")

        @Option(help: "The user's e-mail address.")
        var email: String

        @Option(help: "A name to recognise the token by.")
        var name = "cli"

        @Option(
            help: ArgumentHelp(
                "How long the token works: 90d, 12h, 30m (default: until revoked).", valueName: "duration"))
        var expiresIn: TokenLifetime?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let issued = try await CommandServices.with(try database.location()) { services, _ in
                do {
                    return try await services.accounts.createAPIToken(
                        email: email, name: name, lifetime: expiresIn?.seconds, now: .current, actor: "cli")
                } catch let error as AccountError {
                    throw ValidationError("\(error)")
                }
            }
            print(issued.token)
            if let expires = issued.record.expiresAt {
                FileHandle.standardError.write(
                    Data("The token works until \(Timestamp(epochSeconds: expires).display()).\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a user's tokens: name, kind, created, expiry, revoked.")

        @Option(help: "The user's e-mail address.")
        var email: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let tokens = try await CommandServices.with(try database.location()) { services, _ in
                do {
                    return try await services.accounts.tokens(email: email)
                } catch let error as AccountError {
                    throw ValidationError("\(error)")
                }
            }
            let now = Timestamp.current.epochSeconds
            for token in tokens {
                let state =
                    token.revokedAt.map { "revoked \(Timestamp(epochSeconds: $0).display())" }
                    ?? token.expiresAt.map {
                        ($0 > now ? "expires " : "expired ") + Timestamp(epochSeconds: $0).display()
                    } ?? "no expiry"
                print(
                    "\(token.name)\t\(token.kind.rawValue)\t\(Timestamp(epochSeconds: token.createdAt).display())\t\(state)"
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke a token: the one read from standard input, or a user's tokens of one name.",
            discussion: """
                `echo "$TOKEN" | parceldesk token revoke` revokes that token. With --email and --name, \
                every live token of that name of that user is revoked. A running server stops accepting \
                a revoked token within a minute (signing out through the API is immediate).
                """)

        @Option(help: "The user's e-mail address (with --name).")
        var email: String?

        @Option(help: "The name the tokens were created with (with --email).")
        var name: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (email == nil) == (name == nil) else {
                throw ValidationError("give --email and --name together, or neither and the token on standard input")
            }
        }

        func run() async throws {
            let token: String?
            if email == nil {
                guard let line = readLine(strippingNewline: true)?.trimmed, !line.isEmpty else {
                    throw ValidationError("no token: pipe it on standard input, or give --email and --name")
                }
                token = line
            } else {
                token = nil
            }
            let revoked = try await CommandServices.with(try database.location()) { services, _ in
                do {
                    if let token {
                        return try await services.accounts.revoke(token: token, now: .current, actor: "cli") ? 1 : 0
                    }
                    return try await services.accounts.revokeTokens(
                        email: email ?? "", name: name ?? "", now: .current, actor: "cli")
                } catch let error as AccountError {
                    throw ValidationError("\(error)")
                }
            }
            guard revoked > 0 else { throw ValidationError("no live token matched: nothing revoked") }
            print("Revoked \(revoked) token(s).")
        }
    }
}

/// `--expires-in 90d`: days, hours or minutes.
struct TokenLifetime: ExpressibleByArgument {
    let seconds: Double

    init?(argument: String) {
        let text = argument.trimmed.lowercased()
        guard let unit = text.last, let amount = Double(text.dropLast()), amount > 0, amount.isFinite else {
            return nil
        }
        switch unit {
        case "d": seconds = amount * 86_400
        case "h": seconds = amount * 3600
        case "m": seconds = amount * 60
        default: return nil
        }
    }
}

extension Timestamp {
    /// Now, in Korean time.
    static var current: Timestamp { Timestamp(Date(), utcOffset: Timestamp.kst) }
}

enum Prompt {
    /// A password from the terminal without echo, or the first line of standard input.
    static func password() throws -> String {
        if isatty(STDIN_FILENO) != 0, let pointer = getpass("Password: ") {
            return String(cString: pointer)
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password: type it at the prompt or pipe it on standard input")
        }
        return line
    }
}
