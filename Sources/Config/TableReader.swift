import Foundation
import TOMLKit

/// Typed, key-checked reads from one TOML table.
///
/// Every key read is remembered, so `finish()` can refuse keys nobody reads (a typo
/// such as `time_zon` would otherwise be silently ignored and a default used instead).
final class TableReader {
    let table: TOMLTable
    let path: String
    let source: String
    private var known: Set<String> = []

    init(_ table: TOMLTable, path: String, source: String) {
        self.table = table
        self.path = path
        self.source = source
    }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func error(_ name: String, _ problem: String) -> ConfigurationError {
        ConfigurationError(source: source, key: key(name), problem: problem)
    }

    private func value(_ name: String) -> TOMLValueConvertible? {
        known.insert(name)
        return table[name]
    }

    func has(_ name: String) -> Bool {
        known.insert(name)
        return table[name] != nil
    }

    func string(_ name: String) throws(ConfigurationError) -> String? {
        guard let value = value(name) else { return nil }
        guard let string = value.string else { throw error(name, "expected a string, found \(describe(value))") }
        return string
    }

    func requiredString(_ name: String) throws(ConfigurationError) -> String {
        guard let string = try string(name) else { throw error(name, "is required") }
        guard !string.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(name, "must not be empty") }
        return string
    }

    func int(_ name: String, in range: ClosedRange<Int>? = nil) throws(ConfigurationError) -> Int? {
        guard let value = value(name) else { return nil }
        guard let int = value.int else { throw error(name, "expected a whole number, found \(describe(value))") }
        if let range, !range.contains(int) {
            throw error(name, "must be between \(range.lowerBound) and \(range.upperBound), found \(int)")
        }
        return int
    }

    func bool(_ name: String) throws(ConfigurationError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard let bool = value.bool else { throw error(name, "expected true or false, found \(describe(value))") }
        return bool
    }

    func strings(_ name: String) throws(ConfigurationError) -> [String]? {
        guard let value = value(name) else { return nil }
        if let single = value.string { return [single] }
        guard let array = value.array else { throw error(name, "expected a list of strings, found \(describe(value))") }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let string = element.string else {
                throw error("\(name)[\(index)]", "expected a string, found \(describe(element))")
            }
            result.append(string)
        }
        return result
    }

    func ints(_ name: String) throws(ConfigurationError) -> [Int]? {
        guard let value = value(name) else { return nil }
        guard let array = value.array else { throw error(name, "expected a list of whole numbers, found \(describe(value))") }
        var result: [Int] = []
        for (index, element) in array.enumerated() {
            guard let int = element.int else { throw error("\(name)[\(index)]", "expected a whole number, found \(describe(element))") }
            result.append(int)
        }
        return result
    }

    func table(_ name: String) throws(ConfigurationError) -> TableReader? {
        guard let value = value(name) else { return nil }
        guard let table = value.table else { throw error(name, "expected a table, found \(describe(value))") }
        return TableReader(table, path: key(name), source: source)
    }

    /// An array of tables (`[[staff]]`), each with its index in the path.
    func tables(_ name: String) throws(ConfigurationError) -> [TableReader] {
        guard let value = value(name) else { return [] }
        guard let array = value.array else { throw error(name, "expected an array of tables ([[\(key(name))]]), found \(describe(value))") }
        var result: [TableReader] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw error("\(name)[\(index)]", "expected a table, found \(describe(element))")
            }
            result.append(TableReader(table, path: "\(key(name))[\(index)]", source: source))
        }
        return result
    }

    /// The IANA zone a string names.
    func timeZone(_ name: String) throws(ConfigurationError) -> TimeZone? {
        guard let identifier = try string(name) else { return nil }
        do throws(ZoneName.Invalid) {
            return try ZoneName.zone(identifier)
        } catch {
            throw self.error(name, error.description)
        }
    }

    /// Refuses keys that nothing read: they are typos or settings this version does not have.
    func finish() throws(ConfigurationError) {
        for name in table.keys.sorted() where !known.contains(name) {
            let suggestion = known.min { editDistance($0, name) < editDistance($1, name) }.flatMap {
                editDistance($0, name) <= 3 ? $0 : nil
            }
            throw error(name, "unknown key" + (suggestion.map { "; did you mean \(key($0))?" } ?? ""))
        }
    }

    private func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: "a table"
        case .array: "a list"
        case .string: "a string"
        case .int: "a whole number"
        case .double: "a decimal number"
        case .bool: "true/false"
        default: "a date or time"
        }
    }
}
