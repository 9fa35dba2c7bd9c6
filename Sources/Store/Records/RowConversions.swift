import Foundation

// Turning stored text back into values. A value this version does not know means the
// row was written by a newer version or by hand: `.corrupt`, naming table and column.

func storedTimeZone(_ identifier: String, in table: String, row id: String) throws -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else {
        throw StoreError(.corrupt, "\(table) row \(id) has the unknown time zone \(identifier)")
    }
    return zone
}

func decodeEnum<E: RawRepresentable>(_ type: E.Type, _ raw: String, in table: String, column: some CodingKey) throws -> E
where E.RawValue == String {
    guard let value = E(rawValue: raw) else {
        throw StoreError(.corrupt, "\(table).\(column.stringValue) holds the unknown value \(raw)")
    }
    return value
}
