import Foundation
import Testing

@testable import Mail

@Suite struct TransferEncodingTests {
    @Test(arguments: [TransferEncoding.quotedPrintable, .base64])
    func anyBytesRoundTripInShortLines(encoding: TransferEncoding) {
        // A fixed linear congruential sequence: the same bytes every run.
        var state: UInt64 = 20_261_128
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for length in [0, 1, 75, 76, 77, 300, 4_000] {
            // Text-like input: mostly printable, with spaces before line ends, CRLFs, "=" and UTF-8.
            let alphabet = Array("ab =.\t\r\nFrom Ørsted €".utf8)
            let bytes = (0..<length).map { _ in
                next() % 2 == 0 ? alphabet[Int(next() % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: next())
            }
            let encoded = encoding.encode(bytes)
            for line in encoded.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76) }
            #expect(!encoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            // Quoted-printable is for text: a lone LF and CR LF both become CRLF line breaks.
            let expected = encoding == .quotedPrintable ? normalizedLineEnds(bytes) : bytes
            let decoded = TransferEncoding.decode(encoded, encoding: encoding.rawValue)
            #expect(
                decoded.map { encoding == .quotedPrintable ? trimmingFinalCRLF($0, like: expected) : $0 } == expected, "length \(length)")
        }
    }

    @Test(arguments: [
        ("a = b", "a =3D b\r\n"), ("trailing space \r\nnext", "trailing space=20\r\nnext\r\n"),
        ("From here", "=46rom here\r\n"), ("Ørsted", "=C3=98rsted\r\n"),
    ])
    func quotedPrintableEscapesWhatRelaysWouldMangle(input: String, expected: String) {
        #expect(TransferEncoding.quotedPrintable(Array(input.utf8)) == expected)
    }

    private func normalizedLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                result += [0x0D, 0x0A]
                index += 2
            } else if bytes[index] == 0x0A {
                result += [0x0D, 0x0A]
                index += 1
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// The encoder ends its output with a line break; the decoded text gains a CRLF only
    /// when the input did not end with one.
    private func trimmingFinalCRLF(_ decoded: [UInt8], like expected: [UInt8]) -> [UInt8] {
        if decoded.count == expected.count + 2, decoded.suffix(2) == [0x0D, 0x0A] { return Array(decoded.dropLast(2)) }
        return decoded
    }
}
