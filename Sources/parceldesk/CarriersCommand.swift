import ArgumentParser
import ParcelCore

struct CarriersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carriers",
        abstract: "List the carriers and number formats ParcelDesk recognizes."
    )

    @Flag(help: "Include every postal operator that issues S10 numbers.")
    var all = false

    @Option(help: "Language: ko or en.")
    var lang: Language = .ko

    func run() {
        let registry = CarrierRegistry.standard
        var output = OutputBuffer()
        for carrier in all ? registry.carriers[...] : registry.carriers.prefix(registry.listedCarrierCount) {
            output.line("\(carrier.id)\t\(carrier.name.text(lang))")
            for format in carrier.formats {
                output.line("    \(format.id)\t\(format.description.text(lang))\t\(format.check.map { "\($0.algorithm.name) (\($0.strength.rawValue))" } ?? "-")")
            }
        }
        let s10 = registry.s10.format
        output.line("s10\t\(s10.description.text(lang))\t\(s10.check.map { $0.algorithm.name } ?? "-")")
        output.flush()
    }
}
