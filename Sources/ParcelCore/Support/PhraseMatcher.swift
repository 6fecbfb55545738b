/// Finds, in one pass over a text's UTF-8 bytes, the best-ranked of many
/// phrases it contains (Aho–Corasick, compiled to a dense automaton over the
/// bytes the phrases use). ASCII letters match case-insensitively.
///
/// Carrier texts are short and arrive by the million; matching each of a few
/// hundred Korean, Chinese and English phrases with `String.contains` would
/// cost microseconds per event, this costs one table step per byte.
public struct PhraseMatcher: Sendable {
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

    /// Byte → column; bytes no phrase uses share column 0.
    private let byteClass: [UInt8]
    private let columns: Int
    /// `transitions[state * columns + column]` → next state.
    private let transitions: [Int32]
    /// Phrases ending at each state (including through failure links): `outputs[outputStart[s]..<outputStart[s+1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    private let phrases: [Phrase]

    public init(_ phrases: [Phrase]) {
        self.phrases = phrases
        // Columns: one per distinct (case-folded) byte used by any phrase.
        var byteClass = [UInt8](repeating: 0, count: 256)
        var columns = 1
        for phrase in phrases {
            for byte in phrase.text.utf8 {
                let folded = Self.fold(byte)
                if byteClass[Int(folded)] == 0 {
                    byteClass[Int(folded)] = UInt8(columns)
                    columns += 1
                    precondition(columns < 256, "too many distinct bytes in phrases")
                }
            }
        }
        // Upper-case ASCII letters share their lower-case column.
        for byte in UInt8(0x41)...0x5A { byteClass[Int(byte)] = byteClass[Int(byte | 0x20)] }

        // Trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: columns)]
        var ending: [[Int32]] = [[]]
        for (index, phrase) in phrases.enumerated() {
            var state = 0
            for byte in phrase.text.utf8 {
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

        // Failure links in breadth-first order, turning the trie into a full automaton.
        let stateCount = children.count
        var failure = [Int32](repeating: 0, count: stateCount)
        var transitions = [Int32](repeating: 0, count: stateCount * columns)
        var queue: [Int] = []
        for column in 0..<columns {
            let child = children[0][column]
            if child >= 0 {
                transitions[column] = child
                queue.append(Int(child))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ending[state].append(contentsOf: ending[Int(failure[state])])
            for column in 0..<columns {
                let child = children[state][column]
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
        var outputStart: [Int32] = []
        var outputs: [Int32] = []
        for state in 0..<stateCount {
            outputStart.append(Int32(outputs.count))
            outputs.append(contentsOf: ending[state])
        }
        outputStart.append(Int32(outputs.count))

        self.byteClass = byteClass
        self.columns = columns
        self.transitions = transitions
        self.outputStart = outputStart
        self.outputs = outputs
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// The value of the best-ranked phrase in `text` among group 0 and `group`.
    public func bestMatch(in text: String, group: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { bestMatch(in: $0, group: group) }
    }

    public func bestMatch(in bytes: UnsafeBufferPointer<UInt8>, group: Int32) -> Int32? {
        byteClass.withUnsafeBufferPointer { byteClass in
            transitions.withUnsafeBufferPointer { transitions in
                outputStart.withUnsafeBufferPointer { outputStart in
                    outputs.withUnsafeBufferPointer { outputs in
                        phrases.withUnsafeBufferPointer { phrases in
                            var state = 0
                            var bestRank = Int32.max
                            var bestValue: Int32 = -1
                            for byte in bytes {
                                state = Int(transitions[state * columns + Int(byteClass[Int(byte)])])
                                let start = Int(outputStart[state])
                                let end = Int(outputStart[state + 1])
                                if start == end { continue }
                                for output in start..<end {
                                    let phrase = phrases[Int(outputs[output])]
                                    if phrase.rank < bestRank, phrase.group == 0 || phrase.group == group {
                                        bestRank = phrase.rank
                                        bestValue = phrase.value
                                    }
                                }
                            }
                            return bestValue >= 0 ? bestValue : nil
                        }
                    }
                }
            }
        }
    }
}
