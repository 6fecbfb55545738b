import Foundation

/// Reads standard input in large chunks; the caller consumes whole lines and
/// keeps the unterminated rest for the next chunk.
struct ChunkedReader {
    let handle: FileHandle
    var buffer: [UInt8]
    var filled = 0
    var finished = false

    init(handle: FileHandle = .standardInput, chunkSize: Int = 1 << 20) {
        self.handle = handle
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Reads more bytes after the `filled` prefix; grows the buffer when a single
    /// line fills it. Returns false at end of input.
    mutating func fill() -> Bool {
        if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        let room = buffer.count - filled
        let data = handle.readData(ofLength: room)
        if data.isEmpty {
            finished = true
            return false
        }
        data.copyBytes(to: &buffer[filled], count: data.count)
        filled += data.count
        return true
    }

    /// Drops the first `count` bytes, keeping the rest at the front.
    mutating func consume(_ count: Int) {
        guard count > 0 else { return }
        if count < filled {
            buffer.withUnsafeMutableBufferPointer { bytes in
                let base = bytes.baseAddress!
                (base).update(from: base + count, count: filled - count)
            }
        }
        filled -= count
    }

    /// Every line of the input, LF or CRLF terminated, as strings.
    static func lines(of handle: FileHandle = .standardInput, _ body: (String) throws -> Void) rethrows {
        var reader = ChunkedReader(handle: handle)
        while reader.fill() || reader.filled > 0 {
            var start = 0
            let final = reader.finished
            try reader.buffer.withUnsafeBufferPointer { bytes in
                var index = 0
                while index < reader.filled {
                    if bytes[index] == 0x0A {
                        var end = index
                        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                        try body(String(decoding: bytes[start..<end], as: UTF8.self))
                        start = index + 1
                    }
                    index += 1
                }
                if final, start < reader.filled {
                    var end = reader.filled
                    if bytes[end - 1] == 0x0D { end -= 1 }
                    try body(String(decoding: bytes[start..<end], as: UTF8.self))
                    start = reader.filled
                }
            }
            reader.consume(start)
            if final { break }
        }
    }
}

/// Buffered standard output: one write per 64 KiB instead of one per line.
struct OutputBuffer {
    var bytes: [UInt8] = []
    let handle: FileHandle

    init(handle: FileHandle = .standardOutput) {
        self.handle = handle
        bytes.reserveCapacity(1 << 16)
    }

    mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        handle.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
