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

    /// "100" or "100.00" (a leading "$" allowed); nil for anything else.
    public init?(parsing text: String) {
        let digits = text.hasPrefix("$") ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, whole < 10_000_000,
              parts.count == 1 || (parts[1].count == 2 && parts[1].allSatisfy(\.isNumber)) else { return nil }
        self.init(cents: whole * 100 + (parts.count == 2 ? Int(parts[1])! : 0))
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
