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
                let check = format.check.map { "\($0.algorithm.name) (\($0.strength.rawValue))" } ?? "-"
                output.line("    \(format.id)\t\(format.description.text(lang))\t\(check)")
            }
            for country in registry.s10Countries(of: carrier.id) {
                output.line("    s10\t\(registry.s10.format.description.text(lang)) …\(country)\tS10 mod 11 (required)")
            }
        }
        let s10 = registry.s10.format
        output.line("s10\t\(s10.description.text(lang))\t\(s10.check.map { $0.algorithm.name } ?? "-")")
        output.flush()
    }
}
