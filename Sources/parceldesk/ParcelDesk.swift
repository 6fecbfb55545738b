import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import ParcelCore

/// `parceldesk`: the command-line face of ParcelDesk. Commands are thin; the
/// work happens in the libraries.
struct ParcelDesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parceldesk",
        abstract: "The after-sales desk for online sellers: tracking numbers, parcels, claims.",
        subcommands: [
            DemoCommand.self, ServeCommand.self, MigrateCommand.self, ImportCommand.self, CheckCommand.self,
            DiagnoseCommand.self, ClaimsCommand.self, AskCommand.self, ExportCommand.self, SimulateCommand.self,
            UserCommand.self,
            TokenCommand.self,
            CarriersCommand.self,
            BenchCommand.self,
        ]
    )
}

@main
enum Main {
    /// Runs the command; usage mistakes exit with status 2 (not ArgumentParser's 64),
    /// which scripts calling `parceldesk check` rely on.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try ParcelDesk.parseAsRoot()
        } catch {
            exit(ParcelDesk.self, error)
        }
        if command is ServeCommand || command is DemoCommand {
            // Async route handlers then run on the event loops that read the
            // sockets, not on a second pool: no thread switch per request.
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(type(of: command), error)
        }
    }

    static func exit(_ command: any ParsableCommand.Type, _ error: any Error) -> Never {
        guard command.exitCode(for: error) == .validationFailure else { command.exit(withError: error) }
        var message = ParcelDesk.fullMessage(for: error)
        if command != ParcelDesk.self, let name = command.configuration.commandName {
            // Errors raised while running: name the subcommand, not the root usage.
            message = "Error: \(command.message(for: error))\nSee 'parceldesk \(name) --help' for more information."
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(2)
    }
}

extension Language: ExpressibleByArgument {}
