import Foundation

/// A small RFC 4180 reader: a header line, then rows of cells, quotes doubled inside quotes.
enum CSVTable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ file: URL) throws -> [[String: String]] {
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let records = try parse(text)
        guard let header = records.first else { throw Failure(description: "the file is empty") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return try records.dropFirst().enumerated().compactMap { index, cells in
            if cells.count == 1, cells[0].trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            guard cells.count <= names.count else {
                throw Failure(description: "line \(index + 2): \(cells.count) cells, the header names \(names.count)")
            }
            var row: [String: String] = [:]
            for (name, cell) in zip(names, cells) { row[name] = cell.trimmingCharacters(in: .whitespaces) }
            return row
        }
    }

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            cell.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                record.append(cell)
                cell = ""
            case "\r": continue
            case "\n":
                record.append(cell)
                records.append(record)
                record = []
                cell = ""
            default: cell.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Failure(description: "a quoted cell is never closed") }
        if !cell.isEmpty || !record.isEmpty {
            record.append(cell)
            records.append(record)
        }
        return records
    }
}
