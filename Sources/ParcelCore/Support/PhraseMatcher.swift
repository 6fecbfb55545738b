/// Finds, in one pass over a text's UTF-8 bytes, the best-ranked of many
/// phrases it contains (Aho–Corasick, compiled to a dense automaton over the
/// bytes the phrases use). ASCII letters match case-insensitively.
///
/// Carrier texts are short and arrive by the million; matching each of a few
/// hundred Korean, Chinese and English phrases with `String.contains` would
/// cost microseconds per event, this costs one table step per byte.
public struct PhraseMatcher: @unchecked Sendable {
    /// A phrase to look for. Lower rank wins when several occur; `group`
    /// restricts a phrase to callers that ask for that group (0 = everyone).
    public struct Phrase: Sendable {
        public let text: String
        public let rank: Int32
        public let group: Int32
        public let value: Int32

        public init(_ text: String, rank: Int32, group: Int32 = 0, value: Int32) {
            self.text = text
            self.rank = rank
            self.group = group
            self.value = value
        }
    }

    /// Keeps the tables alive; the pointers below are read directly so a match
    /// retains nothing (sound to share: the tables never change after init).
    private let tables: AutomatonTables
    private let byteClass: UnsafePointer<UInt8>
    private let transitions: UnsafePointer<Int32>
    private let outputStart: UnsafePointer<Int32>
    private let outputs: UnsafePointer<Int32>
    private let ranks: UnsafePointer<Int32>
    private let groups: UnsafePointer<Int32>
    private let values: UnsafePointer<Int32>

    public init(_ phrases: [Phrase]) {
        let trie = Trie(phrases.map { Array($0.text.utf8) })
        // Failure links in breadth-first order turn the trie into a full automaton
        // whose states also report every phrase ending through a failure link.
        var ending = trie.ending
        let columns = trie.columns
        var transitions = [Int32](repeating: 0, count: trie.children.count * columns)
        var failure = [Int32](repeating: 0, count: trie.children.count)
        var queue: [Int] = []
        for column in 0..<columns where trie.children[0][column] >= 0 {
            transitions[column] = trie.children[0][column]
            queue.append(Int(trie.children[0][column]))
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ending[state].append(contentsOf: ending[Int(failure[state])])
            for column in 0..<columns {
                let child = trie.children[state][column]
                let fallback = transitions[Int(failure[state]) * columns + column]
                if child >= 0 {
                    failure[Int(child)] = fallback
                    transitions[state * columns + column] = child
                    queue.append(Int(child))
                } else {
                    transitions[state * columns + column] = fallback
                }
            }
        }
        // Transitions hold the next state's row offset, with a flag bit when phrases end there.
        let scaled = transitions.map { next in
            Int32(Int(next) * columns) | (ending[Int(next)].isEmpty ? 0 : AutomatonTables.outputFlag)
        }
        tables = AutomatonTables(
            byteClass: trie.byteClass, columns: columns, transitions: scaled, ending: ending,
            outputs: phrases.map { ($0.rank, $0.group, $0.value) })
        byteClass = UnsafePointer(tables.byteClass)
        self.transitions = UnsafePointer(tables.transitions)
        outputStart = UnsafePointer(tables.outputStart)
        outputs = UnsafePointer(tables.outputs)
        ranks = UnsafePointer(tables.ranks)
        groups = UnsafePointer(tables.groups)
        values = UnsafePointer(tables.values)
    }

    /// The value of the best-ranked phrase in `text` among group 0 and `group`.
    public func bestMatch(in text: String, group: Int32) -> Int32? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ bestMatch(in: $0, group: group) }) { return found }
        var text = text
        return text.withUTF8 { bestMatch(in: $0, group: group) }
    }

    public func bestMatch(in bytes: UnsafeBufferPointer<UInt8>, group: Int32) -> Int32? {
        let columns = tables.columns
        var row = 0
        var bestRank = Int32.max
        var bestValue: Int32 = -1
        for byte in bytes {
            let next = transitions[row + Int(byteClass[Int(byte)])]
            row = Int(next & AutomatonTables.rowMask)
            guard next & AutomatonTables.outputFlag != 0 else { continue }
            let state = row / columns
            var output = Int(outputStart[state])
            let end = Int(outputStart[state + 1])
            while output < end {
                let phrase = Int(outputs[output])
                let rank = ranks[phrase]
                if rank < bestRank {
                    let phraseGroup = groups[phrase]
                    if phraseGroup == 0 || phraseGroup == group {
                        bestRank = rank
                        bestValue = values[phrase]
                    }
                }
                output += 1
            }
        }
        return bestValue >= 0 ? bestValue : nil
    }
}

/// Exact matches of whole keys (status codes), ASCII case-insensitive: a trie
/// walk of one step per byte instead of hashing a string for a dictionary.
public struct ExactMatcher: @unchecked Sendable {
    private let tables: AutomatonTables
    private let byteClass: UnsafePointer<UInt8>
    private let transitions: UnsafePointer<Int32>
    private let outputStart: UnsafePointer<Int32>
    private let outputs: UnsafePointer<Int32>
    private let groups: UnsafePointer<Int32>
    private let values: UnsafePointer<Int32>

    /// Keys with the group (caller) they belong to and the value they map to.
    public init(_ keys: [(key: String, group: Int32, value: Int32)]) {
        let trie = Trie(keys.map { Array($0.key.utf8) })
        let columns = trie.columns
        // Next state's row offset, or −1 when no key continues that way.
        var transitions = [Int32](repeating: -1, count: trie.children.count * columns)
        for state in trie.children.indices {
            for column in 0..<columns where trie.children[state][column] >= 0 {
                transitions[state * columns + column] = trie.children[state][column] * Int32(columns)
            }
        }
        tables = AutomatonTables(
            byteClass: trie.byteClass, columns: columns, transitions: transitions, ending: trie.ending,
            outputs: keys.map { (0, $0.group, $0.value) })
        byteClass = UnsafePointer(tables.byteClass)
        self.transitions = UnsafePointer(tables.transitions)
        outputStart = UnsafePointer(tables.outputStart)
        outputs = UnsafePointer(tables.outputs)
        groups = UnsafePointer(tables.groups)
        values = UnsafePointer(tables.values)
    }

    public func value(for key: String, group: Int32) -> Int32? {
        // Borrowed, not copied: `withUTF8` needs a mutable copy of the string.
        if let found = key.utf8.withContiguousStorageIfAvailable({ value(for: $0, group: group) }) { return found }
        var key = key
        return key.withUTF8 { value(for: $0, group: group) }
    }

    public func value(for bytes: UnsafeBufferPointer<UInt8>, group: Int32) -> Int32? {
        var row = 0
        for byte in bytes {
            let column = Int(byteClass[Int(byte)])
            // Column 0 is every byte no key uses.
            if column == 0 { return nil }
            let next = transitions[row + column]
            if next < 0 { return nil }
            row = Int(next)
        }
        let state = row / tables.columns
        var output = Int(outputStart[state])
        let end = Int(outputStart[state + 1])
        while output < end {
            let key = Int(outputs[output])
            if groups[key] == group { return values[key] }
            output += 1
        }
        return nil
    }
}

/// A byte trie over case-folded keys, the shared first step of both matchers.
struct Trie {
    var byteClass = [UInt8](repeating: 0, count: 256)
    var columns = 1
    var children: [[Int32]]
    var ending: [[Int32]] = [[]]

    init(_ keys: [[UInt8]]) {
        for key in keys {
            for byte in key where byteClass[Int(Self.fold(byte))] == 0 {
                byteClass[Int(Self.fold(byte))] = UInt8(columns)
                columns += 1
                precondition(columns < 256, "too many distinct bytes in phrases")
            }
        }
        // Upper-case ASCII letters share their lower-case column.
        for byte in UInt8(0x41)...0x5A { byteClass[Int(byte)] = byteClass[Int(byte | 0x20)] }
        children = [[Int32](repeating: -1, count: columns)]
        for (index, key) in keys.enumerated() {
            var state = 0
            for byte in key {
                let column = Int(byteClass[Int(Self.fold(byte))])
                if children[state][column] < 0 {
                    children[state][column] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: columns))
                    ending.append([])
                }
                state = Int(children[state][column])
            }
            ending[state].append(Int32(index))
        }
    }

    static func fold(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}

/// A matcher's tables in memory allocated once, read through raw pointers: the
/// hot loop touches no reference counts. Unchecked Sendable is sound because
/// the memory is written only in `init` and never mutated after.
final class AutomatonTables: @unchecked Sendable {
    static let outputFlag: Int32 = 1 << 30
    static let rowMask: Int32 = outputFlag - 1

    let byteClass: UnsafeMutablePointer<UInt8>
    let columns: Int
    let transitions: UnsafeMutablePointer<Int32>
    /// Keys ending at each state: `outputs[outputStart[s]..<outputStart[s + 1]]`.
    let outputStart: UnsafeMutablePointer<Int32>
    let outputs: UnsafeMutablePointer<Int32>
    let ranks: UnsafeMutablePointer<Int32>
    let groups: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Int32>

    init(
        byteClass: [UInt8], columns: Int, transitions: [Int32], ending: [[Int32]],
        outputs keyOutputs: [(rank: Int32, group: Int32, value: Int32)]
    ) {
        func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(array.count, 1))
            _ = UnsafeMutableBufferPointer(start: pointer, count: array.count).initialize(from: array)
            return pointer
        }
        self.byteClass = copy(byteClass)
        self.columns = columns
        self.transitions = copy(transitions)
        var outputStart: [Int32] = []
        var outputs: [Int32] = []
        for state in ending.indices {
            outputStart.append(Int32(outputs.count))
            outputs.append(contentsOf: ending[state])
        }
        outputStart.append(Int32(outputs.count))
        self.outputStart = copy(outputStart)
        self.outputs = copy(outputs)
        self.ranks = copy(keyOutputs.map(\.rank))
        self.groups = copy(keyOutputs.map(\.group))
        self.values = copy(keyOutputs.map(\.value))
    }

    deinit {
        byteClass.deallocate()
        transitions.deallocate()
        outputStart.deallocate()
        outputs.deallocate()
        ranks.deallocate()
        groups.deallocate()
        values.deallocate()
    }
}
