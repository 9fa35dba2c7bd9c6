import ArgumentParser
import Foundation
import ICal

extension ICSCommand {
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report, for each file, whether SupportCal can read it.",
            discussion: """
                Prints "ok" with the number of events for each readable file, and the problems libical recovered from (those properties \
                are dropped when SupportCal reads the file). A file that cannot be read is "refused" with the line and the reason. Exits \
                1 if any file was refused.

                Example: supportcal ics lint ~/.calendars/staff/*.ics
                """
        )

        @Argument(help: "iCalendar files to check ('-' reads standard input).")
        var files: [String]

        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            var file: String
            var ok: Bool
            var events: Int?
            var issues: [String]
            var error: ErrorReport?
        }

        struct ErrorReport: Encodable {
            var code: String
            var message: String
            var line: Int?
        }

        func run() async throws {
            let reports = files.map(check)
            if output.json {
                try JSONOutput.print(reports)
            } else {
                for report in reports {
                    if let error = report.error {
                        let place = error.line.map { "line \($0): " } ?? ""
                        print("refused  \(report.file): \(place)\(error.message)")
                    } else {
                        let warnings = report.issues.isEmpty ? "" : ", \(report.issues.count) warning\(report.issues.count == 1 ? "" : "s")"
                        print("ok       \(report.file) (\(report.events ?? 0) event\(report.events == 1 ? "" : "s")\(warnings))")
                        for issue in report.issues { print("         warning: \(issue)") }
                    }
                }
            }
            if reports.contains(where: { !$0.ok }) { throw ExitStatus.failure }
        }

        private func check(_ file: String) -> Report {
            let text: String
            do {
                text = try readText(file)
            } catch {
                return Report(
                    file: file, ok: false, issues: [],
                    error: ErrorReport(code: "unreadable", message: "cannot read the file: \(error.localizedDescription)"))
            }
            do {
                let document = try ICalDocument(parsing: text)
                return Report(file: file, ok: true, events: document.events.count, issues: document.issues.map(\.description))
            } catch {
                return Report(
                    file: file, ok: false, issues: [],
                    error: ErrorReport(code: error.code.description, message: error.message, line: error.line))
            }
        }
    }
}

/// The file's text, or standard input for "-". Invalid UTF-8 is replaced, not refused,
/// so a stray Latin-1 byte in a description does not hide the rest of the calendar.
func readText(_ file: String) throws -> String {
    let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
    return String(decoding: data, as: UTF8.self)
}
