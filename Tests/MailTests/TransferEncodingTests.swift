import Foundation
import Testing
@testable import Mail

@Suite struct TransferEncodingTests {
    /// A small deterministic generator, so a failure is reproducible from the seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: [TransferEncoding.quotedPrintable, .base64])
    func anyBytesRoundTripInShortLines(encoding: TransferEncoding) {
        var generator = SplitMix(state: 20261128)
        for length in [0, 1, 75, 76, 77, 300, 4_000] {
            // Text-like input: mostly printable, with spaces before line ends, CRLFs, "=" and UTF-8.
            let alphabet = Array("ab =.\t\r\nFrom Ørsted €".utf8)
            let bytes = (0..<length).map { _ in Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator) }
            let encoded = encoding.encode(bytes)
            for line in encoded.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76) }
            #expect(!encoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            // Quoted-printable is for text: a lone LF and CR LF both become CRLF line breaks.
            let expected = encoding == .quotedPrintable ? normalizedLineEnds(bytes) : bytes
            let decoded = TransferEncoding.decode(encoded, encoding: encoding.rawValue)
            #expect(decoded.map { encoding == .quotedPrintable ? trimmingFinalCRLF($0, like: expected) : $0 } == expected, "length \(length)")
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
