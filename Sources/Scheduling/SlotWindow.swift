/// How many days one slot listing may cover, the same for `supportcal slots --days` and
/// `GET /api/slots?days=`: a month is enough to choose a time, and keeps a listing cheap.
public enum SlotWindow {
    public static let days: ClosedRange<Int> = 1...31
    public static let defaultDays = 7

    /// "days must be between 1 and 31", with the caller's name for the setting.
    public static func outOfRange(_ name: String) -> String {
        "\(name) must be between \(days.lowerBound) and \(days.upperBound)"
    }
}
