import Testing

@testable import Scheduling

/// The one reader of amounts: configuration fees, `reinstate --amount`, the staff API.
@Suite("Money as people write it")
struct MoneyParsingTests {
    @Test(arguments: [("140", 14_000), ("140.00", 14_000), ("$140.00", 14_000), ("0.05", 5), ("9999999.99", 999_999_999), ("007.50", 750)])
    func plainAmountsAreRead(text: String, cents: Int) throws {
        #expect(try Money(parsing: text) == Money(cents: cents))
    }

    // Each of these was read as some amount, or crashed, by one of the two old parsers.
    @Test(arguments: [
        "140.-5", "1e3", "١٤٠", "-0.00", "140.001", " 140", "140 ", "", "$", ".50", "140.", "140.5", "+140", "1,400.00",
        "12345678", "١٤٠.٠٠", "140.0٥", "$$140", "0x10", "140..00",
    ])
    func anythingElseIsRefusedWithTheTextQuoted(text: String) {
        #expect {
            _ = try Money(parsing: text)
        } throws: { error in
            guard let error = error as? SchedulingError else { return false }
            return error.code == .invalidAmount && error.message.hasPrefix("\"\(text)\" is not an amount such as 140.00")
        }
    }
}
