import ArgumentParser
import Foundation
import Logging
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
            Settings come from PARCELDESK_* variables and DATABASE_URL (see the README); flags win. \
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
        commandName: "user", abstract: "Manage sign-in accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a user; the password is read from a prompt or standard input.")

        @Option(help: "E-mail address (the sign-in name).")
        var email: String

        @Option(help: "owner or staff.")
        var role: UserModel.Role = .staff

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@") else {
                throw ValidationError("--email: expected an e-mail address; got \"\(email)\"")
            }
        }

        func run() async throws {
            let password = try Prompt.password()
            guard password.count >= 8 else { throw ValidationError("the password needs at least 8 characters") }
            let cost = Int(ProcessInfo.processInfo.environment["PARCELDESK_BCRYPT_COST"] ?? "") ?? 12
            let hash = try await Passwords(cost: cost).hash(password)
            let handle = try await StoreHandle.open(try database.location(), migrate: true)
            defer { Task { await handle.close() } }
            do {
                let user = try await handle.store.createUser(
                    email: email, passwordHash: hash, role: role, now: Date().timeIntervalSince1970, actor: "cli")
                print("Created \(user.role) \(user.email).")
            } catch let error as Store.AccountError {
                throw ValidationError("\(error)")
            }
            await handle.close()
        }
    }
}

extension UserModel.Role: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Print a new API token for a user (shown once; only its hash is kept).")

        @Option(help: "The user's e-mail address.")
        var email: String

        @Option(help: "A name to recognise the token by.")
        var name = "cli"

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let handle = try await StoreHandle.open(try database.location(), migrate: true)
            do {
                guard let user = try await handle.store.user(email: email) else {
                    throw ValidationError("no user with e-mail \(email) (create one with `parceldesk user create`)")
                }
                let token = try await handle.store.createToken(
                    for: user, name: name, now: Date().timeIntervalSince1970, actor: "cli")
                print(token)
            } catch {
                await handle.close()
                throw error
            }
            await handle.close()
        }
    }
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
