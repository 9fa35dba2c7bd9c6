internal import CCurl
import Foundation

/// What a transfer receives, filled in by curl's callbacks through `userdata`.
final class ResponseAccumulator {
    var body: [UInt8] = []
    var headers: [HTTPHeader] = []
    let limit: Int
    var overflowed = false

    init(limit: Int) { self.limit = limit }

    /// Takes one raw header line. A new status line (after a redirect or
    /// `100 Continue`) starts a fresh set: only the final response's headers count.
    func addHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers = []
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = String(trimmed[..<colon])
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers.append(HTTPHeader(name, value))
    }
}

@available(*, unavailable)
extension ResponseAccumulator: Sendable {}

/// What a transfer sends as an upload body (SMTP), read by curl through `userdata`.
final class UploadSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

@available(*, unavailable)
extension UploadSource: Sendable {}

enum TransferCallbacks {
    static let body: CCurl_data_callback = { pointer, size, count, userdata in
        guard let pointer, let userdata else { return 0 }
        let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        if accumulator.body.count + length > accumulator.limit {
            accumulator.overflowed = true
            return 0  // makes curl stop with CURLE_WRITE_ERROR
        }
        pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            accumulator.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    static let header: CCurl_data_callback = { pointer, size, count, userdata in
        guard let pointer, let userdata else { return 0 }
        let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        let line = pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        accumulator.addHeaderLine(line)
        return length
    }

    static let upload: CCurl_data_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return 0 }
        let source = Unmanaged<UploadSource>.fromOpaque(userdata).takeUnretainedValue()
        let room = size * count
        let remaining = source.bytes.count - source.offset
        let length = min(room, remaining)
        guard length > 0 else { return 0 }
        source.bytes.withUnsafeBufferPointer { all in
            UnsafeMutableRawPointer(buffer).copyMemory(from: all.baseAddress! + source.offset, byteCount: length)
        }
        source.offset += length
        return length
    }
}
