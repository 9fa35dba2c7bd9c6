import ArgumentParser
import Foundation
import Sync
import UseCases

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create (or migrate) the store, the staff calendar folders and the link-signing key. Safe to run again.",
        discussion: "Example: supportcal init --config Samples/supportcal.toml"
    )

    @OptionGroup var global: GlobalOptions

    struct Report: Encodable {
        var database: String
        var staff: [String]
        var calendars: [String]
        /// Where the link-signing key is read from (never the key itself).
        var linkSigningKey: String
    }

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            var folders: [String] = []
            for (_, calendar) in context.desk.calendars.all {
                if let vdir = calendar as? VdirCalendar {
                    try FileManager.default.createDirectory(at: vdir.folder, withIntermediateDirectories: true)
                }
                folders.append(calendar.location)
            }
            _ = try LinkKeyFile.key(context.configuration)
            let variable = context.configuration.linkSigningKeyVariable
            let keySource =
                ProcessInfo.processInfo.environment[variable].map { $0.isEmpty ? nil : $0 } == nil
                ? context.configuration.linkSigningKeyFile.path : "$\(variable)"
            let report = Report(
                database: context.configuration.databasePath.path,
                staff: context.staff.map(\.key.rawValue), calendars: folders, linkSigningKey: keySource)
            if global.json {
                try JSONOutput.print(report)
                return
            }
            print("store ready: \(report.database)")
            for (key, folder) in zip(report.staff, report.calendars) { print("staff \(key): calendar \(folder)") }
            print("link-signing key: \(report.linkSigningKey)")
        }
    }
}
