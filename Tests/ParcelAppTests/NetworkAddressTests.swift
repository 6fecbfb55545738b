import Testing

@testable import ParcelApp

@Suite("Network addresses: private ones, and what a rate limit counts")
struct NetworkAddressTests {
    @Test(
        "this machine, private networks, link-local and unique-local addresses are private; public ones and names are not",
        arguments: [
            ("127.0.0.1", true), ("10.0.0.7", true), ("172.16.5.4", true), ("172.32.0.1", false),
            ("192.168.1.1", true), ("169.254.169.254", true), ("100.64.0.1", true), ("0.0.0.0", true),
            ("::1", true), ("[::1]", true), ("::", true), ("fd12:3456::1", true), ("fe80::1", true),
            ("::ffff:10.0.0.1", true), ("localhost", true), ("api.localhost", true),
            ("8.8.8.8", false), ("2001:4860:4860::8888", false), ("hooks.example.com", false),
        ])
    func privateAddresses(host: String, isPrivate: Bool) {
        #expect(NetworkAddress.isPrivate(host: host) == isPrivate)
    }

    @Test("IPv4 counts as it is, IPv6 by its /64, anything else as given")
    func rateKeys() {
        #expect(NetworkAddress.rateKey("203.0.113.9") == "203.0.113.9")
        #expect(NetworkAddress.rateKey("2001:db8:0:1:ffff::2") == "2001:db8:0:1::/64")
        #expect(NetworkAddress.rateKey("2001:0db8:0000:0001:0000:0000:0000:0009") == "2001:db8:0:1::/64")
        #expect(NetworkAddress.rateKey("::ffff:203.0.113.9") == "::ffff:203.0.113.9")
        #expect(NetworkAddress.rateKey("unknown") == "unknown")
    }
}
