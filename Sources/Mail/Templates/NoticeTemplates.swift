import Foundation
import Mustache

/// Renders a notice's subject, plain text and HTML from Mustache templates: the built-in
/// ones, or an operator's replacements from a folder (`[mail] templates`).
public struct NoticeTemplates: Sendable {
    private let library: MustacheLibrary
    /// Which templates came from the operator's folder, for `--help`-style listings.
    public let overridden: [String]

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public struct Rendered: Sendable, Equatable {
        public var subject: String
        public var text: String
        public var html: String
    }

    /// The kinds of notice the built-in templates cover.
    public static var kinds: [String] {
        BuiltInTemplates.notices.keys.filter { $0.hasSuffix(".subject") }.map { String($0.dropLast(".subject".count)) }.sorted()
    }

    /// Every template name, partials included.
    public static var names: [String] { BuiltInTemplates.all.keys.sorted() }

    /// Writes the built-in templates as `<name>.mustache`, never over an existing file.
    public static func exportBuiltIns(to folder: URL) throws(Failure) -> [String] {
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in names {
                let file = folder.appendingPathComponent("\(name).mustache")
                guard !FileManager.default.fileExists(atPath: file.path) else {
                    throw Failure(description: "\(file.path) exists; export into an empty folder")
                }
                try Data((BuiltInTemplates.all[name] ?? "").utf8).write(to: file)
                written.append(name)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(folder.path): \(error.localizedDescription)")
        }
        return written
    }

    /// `folder` may hold `<name>.mustache` files, e.g. `confirmation.html.mustache` or
    /// `footer.txt.mustache`; each replaces the built-in template of that name.
    public init(overridesIn folder: URL? = nil) throws(Failure) {
        var sources = BuiltInTemplates.all
        var overridden: [String] = []
        if let folder {
            let files: [String]
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            } catch {
                throw Failure(description: "\(folder.path): cannot read the template folder: \(error.localizedDescription)")
            }
            for file in files.sorted() where file.hasSuffix(".mustache") {
                let name = String(file.dropLast(".mustache".count))
                guard sources[name] != nil else {
                    throw Failure(
                        description:
                            "\(folder.path)/\(file): SupportCal has no template named \"\(name)\"; known: "
                            + "\(BuiltInTemplates.all.keys.sorted().joined(separator: ", "))"
                    )
                }
                do {
                    sources[name] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                } catch {
                    throw Failure(description: "\(folder.path)/\(file): \(error.localizedDescription)")
                }
                overridden.append(name)
            }
        }
        var library = MustacheLibrary()
        for (name, source) in sources {
            // Text is never HTML-escaped: a customer named "A & B" reads "A & B".
            let text = name.hasSuffix(".html") ? source : "{{% CONTENT_TYPE: TEXT}}" + source
            do {
                try library.register(text, named: name)
            } catch {
                let origin = overridden.contains(name) ? "\(folder?.path ?? "")/\(name).mustache" : "built-in template \(name)"
                throw Failure(description: "\(origin): not a valid Mustache template (\(error))")
            }
        }
        self.library = library
        self.overridden = overridden
    }

    public func render(_ kind: String, _ content: NoticeContent) throws(Failure) -> Rendered {
        var content = content
        let subject = try renderTemplate("\(kind).subject", content).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        content.subject = subject
        let text = Self.tidy(try renderTemplate("\(kind).txt", content))
        let html = try renderTemplate("\(kind).html", content)
        return Rendered(subject: subject, text: text, html: html)
    }

    private func renderTemplate(_ name: String, _ content: NoticeContent) throws(Failure) -> String {
        guard let output = library.render(content, withTemplate: name, reload: false) else {
            throw Failure(description: "there is no template named \"\(name)\"")
        }
        return output
    }

    /// Sections that render nothing leave blank lines behind: keep at most one in a row.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy(\.isWhitespace)
            if blank, lines.last.map({ $0.allSatisfy(\.isWhitespace) }) ?? true { continue }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
