import Foundation
import Scheduling
import TestSupport
import Testing

@testable import UseCases

/// The maintenance code kept for the profile opens only with the installation's key and
/// only for the company it was sealed for.
@Suite struct CodeSealerTests {
    static let keyA = Data(repeating: 7, count: 32).base64EncodedString()
    static let keyB = Data(repeating: 9, count: 32).base64EncodedString()

    func issued(_ code: String, sealer: CodeSealer, company: CompanyID) throws -> MaintenanceCode {
        try MaintenanceCode.issue(code: code, salt: Array(0..<16), hasher: FakeHasher(), at: SampleBooking.date("2026-01-01T00:00:00Z"))
            .keeping(sealed: try sealer.seal(code, company: company))
    }

    @Test func aSealedCodeOpensWithItsKeyForItsCompany() throws {
        let sealer = try CodeSealer(base64: Self.keyA, origin: "test")
        let code = try issued("QZX-4471-KWV", sealer: sealer, company: "acme")
        #expect(try sealer.open(code, company: "acme") == "QZX-4471-KWV")
        #expect(!code.description.contains("QZX"), "the description never shows it")
        let sealed = try #require(code.sealed)
        #expect(Data(sealed).range(of: Data("QZX-4471-KWV".utf8)) == nil, "sealed, not stored in the clear")
    }

    @Test func anotherKeyAnotherCompanyOrAnAlteredByteDoesNotOpen() throws {
        let sealer = try CodeSealer(base64: Self.keyA, origin: "test")
        let code = try issued("QZX-4471-KWV", sealer: sealer, company: "acme")
        #expect(throws: SetupError.self) { try CodeSealer(base64: Self.keyB, origin: "test").open(code, company: "acme") }
        #expect(throws: SetupError.self) { try sealer.open(code, company: "pine") }
        var bytes = try #require(code.sealed)
        bytes[bytes.count / 2] ^= 1
        let altered = MaintenanceCode(salt: code.salt, digest: code.digest, issuedAt: code.issuedAt, sealed: bytes)
        #expect(throws: SetupError.self) { try sealer.open(altered, company: "acme") }
        let old = MaintenanceCode(salt: code.salt, digest: code.digest, issuedAt: code.issuedAt)
        #expect(try sealer.open(old, company: "acme") == nil, "a code issued before codes were kept has nothing to show")
    }

    @Test(arguments: ["", "c2hvcnQ=", "not base64 at all!"])
    func aKeyThatIsNot32BytesIsRefusedNamingWhereItCameFrom(text: String) {
        #expect {
            try CodeSealer(base64: text, origin: "$SUPPORTCAL_CODE_SEALING_KEY")
        } throws: { error in
            "\(error)".contains("$SUPPORTCAL_CODE_SEALING_KEY") && "\(error)".contains("32 bytes")
        }
    }
}
