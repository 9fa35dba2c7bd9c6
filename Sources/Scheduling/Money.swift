/// An amount in minor units (cents). Integer arithmetic only: fees, discounts and
/// refunds must add up to the cent.
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var cents: Int
    /// ISO 4217 code; the vendor bills in one currency.
    public var currency: String

    public init(cents: Int, currency: String = "USD") {
        self.cents = cents
        self.currency = currency
    }

    /// The one reader of amounts (configuration fees, `--amount`, the staff API): "100",
    /// "100.00" or "$100.00". ASCII digits only, at most seven before the point and exactly
    /// two after it; no sign, no spaces, no exponent. Anything else is refused with the text
    /// quoted, never guessed at ("140.-5" is not $139.95, "١٤٠" is not 140).
    public init(parsing text: String) throws(SchedulingError) {
        let body = text.hasPrefix("$") ? text.utf8.dropFirst() : text.utf8[...]
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let point = body.firstIndex(of: UInt8(ascii: "."))
        let whole = body[..<(point ?? body.endIndex)]
        let fraction = point.map { body[body.index(after: $0)...] }
        guard (1...7).contains(whole.count), whole.allSatisfy(isDigit),
            fraction.map({ $0.count == 2 && $0.allSatisfy(isDigit) }) ?? true
        else {
            throw SchedulingError(
                .invalidAmount, "\"\(text.prefix(40))\" is not an amount such as 140.00 (digits, then optionally a point and two digits)")
        }
        let value: (Substring.UTF8View.SubSequence) -> Int = { $0.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        self.init(cents: value(whole) * 100 + (fraction.map(value) ?? 0))
    }

    public static func usd(_ dollars: Int) -> Money { Money(cents: dollars * 100) }
    public static func usd(cents: Int) -> Money { Money(cents: cents) }
    public static let zero = Money(cents: 0)

    public var isZero: Bool { cents == 0 }

    /// `percentOff` of this amount removed. The discount is rounded down to whole
    /// cents, so a discounted price is always a price the schedule could print.
    public func discounted(percentOff: Int) -> Money {
        let off = cents * percentOff / 100
        return Money(cents: cents - off, currency: currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing \(lhs.currency) with \(rhs.currency)")
        return lhs.cents < rhs.cents
    }

    /// "100.00", "-12.50": the amount in major units with two decimals, no currency sign
    /// (what machine-readable output carries, beside `currency`).
    public var decimalText: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// "$100.00" for USD, "12.50 EUR" for anything else.
    public var description: String {
        let digits = cents < 0 ? String(decimalText.dropFirst()) : decimalText
        let sign = cents < 0 ? "-" : ""
        return currency == "USD" ? "\(sign)$\(digits)" : "\(sign)\(digits) \(currency)"
    }
}
