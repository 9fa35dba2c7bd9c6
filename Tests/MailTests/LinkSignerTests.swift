import Foundation
import TestSupport
import Testing

@testable import Mail

@Suite struct LinkSignerTests {
    let signer = LinkSigner(key: try! LinkSigningKey("0123456789abcdef0123456789abcdef-test-key", origin: "test"))
    let cutoff = SampleBooking.date("2026-12-01T13:55:00Z")
    var token: LinkToken { LinkToken(bookingID: "b-7k2m9q4xz1", action: .cancel, expires: cutoff) }

    @Test func aSignedTokenVerifiesForItsBookingAndAction() throws {
        let text = signer.sign(token)
        #expect(try signer.verify(text, booking: "b-7k2m9q4xz1", action: .cancel, now: cutoff.addingTimeInterval(-60)) == token)
        #expect(text.count < 120, "short enough for a link")
        #expect(text.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }, "URL-safe without escaping")
    }

    @Test func everySingleCharacterChangeIsRefused() {
        let text = Array(signer.sign(token))
        for index in text.indices {
            for replacement in ["A", "-", "0"] where String(text[index]) != replacement {
                var altered = text
                altered[index] = Character(replacement)
                #expect(throws: LinkTokenError(code: .invalid)) {
                    try signer.verify(String(altered), now: cutoff.addingTimeInterval(-60))
                }
            }
        }
    }

    @Test func aTokenForOneBookingNeverOpensAnother() throws {
        let other = signer.sign(LinkToken(bookingID: "b-other00001", action: .cancel, expires: cutoff))
        #expect(throws: LinkTokenError.self) { try signer.verify(other, booking: "b-7k2m9q4xz1", now: cutoff.addingTimeInterval(-60)) }
        // Swapping the payloads of two valid tokens does not help either.
        let mine = signer.sign(token)
        let spliced = other.split(separator: ".")[0] + "." + mine.split(separator: ".")[1]
        #expect(throws: LinkTokenError(code: .invalid)) { try signer.verify(String(spliced), now: cutoff.addingTimeInterval(-60)) }
    }

    @Test func aCancelLinkDoesNotReschedule() {
        #expect(throws: LinkTokenError.self) {
            try signer.verify(signer.sign(token), action: .reschedule, now: cutoff.addingTimeInterval(-60))
        }
    }

    @Test(arguments: [(-1.0, true), (0.0, false), (1.0, false), (86_400.0, false)])
    func tokensStopWorkingAtTheirExpiry(secondsAfterCutoff: Double, works: Bool) {
        let result = Result { () throws(LinkTokenError) in
            try signer.verify(signer.sign(token), now: cutoff.addingTimeInterval(secondsAfterCutoff))
        }
        switch result {
        case .success: #expect(works)
        case .failure(let error):
            #expect(!works)
            #expect(error.code == .expired)
            #expect(error.token == token, "an authentic expired link still says what it was for")
        }
    }

    @Test func anotherKeyRevokesEveryToken() throws {
        let rotated = LinkSigner(key: try LinkSigningKey(LinkSigningKey.generate(), origin: "test"))
        #expect(throws: LinkTokenError(code: .invalid)) { try rotated.verify(signer.sign(token), now: cutoff.addingTimeInterval(-60)) }
    }

    @Test(arguments: ["", ".", "abc", "a.b.c", "MTpjYW5jZWw.", ".c2ln", String(repeating: "A", count: 5_000), "ü.ü", "%00.%00"])
    func garbageIsRefusedNotCrashed(text: String) {
        #expect(throws: LinkTokenError(code: .invalid)) { try signer.verify(text, now: cutoff) }
    }

    @Test func shortKeysAreRefused() {
        #expect(throws: LinkSigningKey.Failure.self) { try LinkSigningKey("too-short", origin: "$SUPPORTCAL_LINK_KEY") }
        #expect(LinkSigningKey.generate().count == 64)
        #expect(LinkSigningKey.generate() != LinkSigningKey.generate())
    }
}
