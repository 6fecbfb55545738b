import ArgumentParser
import Foundation
import ParcelCore

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Print simulated shipment documents: realistic carrier events with the usual faults.",
        discussion: """
            The same --seed and --now always print the same shipments. Output is a JSON array that \
            `parceldesk diagnose -` reads (or JSON Lines with --lines).
            """
    )

    @Option(help: "Shipments to simulate.")
    var count = 10

    @Option(help: "Seed: the same seed gives the same shipments.")
    var seed: UInt64 = 7

    @Option(help: "The moment the simulation stops (ISO 8601). Defaults to now.")
    var now: String?

    @Option(help: "Orders are placed over this many days before --now.")
    var days = 45

    @Option(help: "Percent of each fault (late first scan, stalls, customs loops, duties, lost…); default mixes them.")
    var faultPercent: Int?

    @Flag(help: "Print one document per line instead of a JSON array.")
    var lines = false

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
        guard days > 0 else { throw ValidationError("--days must be at least 1") }
        if let faultPercent, !(0...100).contains(faultPercent) {
            throw ValidationError("--fault-percent must be between 0 and 100")
        }
    }

    func run() throws {
        let moment = try resolveMoment(now)
        var config = faultPercent.map(SimulationConfig.uniform) ?? SimulationConfig()
        config.days = days
        let simulator = Simulator(seed: seed, now: moment, config: config)
        var output = OutputBuffer()
        if lines {
            for index in 0..<count { output.line(simulator.shipment(index).document.json.serialized()) }
        } else {
            output.line("[")
            for index in 0..<count {
                output.line(simulator.shipment(index).document.json.serialized() + (index + 1 < count ? "," : ""))
            }
            output.line("]")
        }
        output.flush()
    }
}
