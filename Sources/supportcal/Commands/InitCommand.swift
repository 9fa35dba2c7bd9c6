import ArgumentParser
import Foundation
import Sync

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create (or migrate) the store and the staff calendar folders. Safe to run again.",
        discussion: "Example: supportcal --config Samples/supportcal.toml init"
    )

    @OptionGroup var global: GlobalOptions

    struct Report: Encodable {
        var database: String
        var staff: [String]
        var calendars: [String]
    }

    func run() async throws {
        try await reportingFailures {
            let context = try AppContext.open(global)
            var folders: [String] = []
            for (_, calendar) in context.calendars {
                if let vdir = calendar as? VdirCalendar {
                    try FileManager.default.createDirectory(at: vdir.folder, withIntermediateDirectories: true)
                }
                folders.append(calendar.location)
            }
            let report = Report(database: context.configuration.databasePath.path,
                                staff: context.staff.map(\.key.rawValue), calendars: folders)
            if global.json { try JSONOutput.print(report); return }
            print("store ready: \(report.database)")
            for (key, folder) in zip(report.staff, report.calendars) { print("staff \(key): calendar \(folder)") }
        }
    }
}
