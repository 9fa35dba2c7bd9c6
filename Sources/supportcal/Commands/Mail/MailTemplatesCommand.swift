import ArgumentParser
import Foundation
import Mail

struct MailTemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the email templates, or write the built-in ones to a folder to edit.",
        discussion: """
            Each notice kind has a subject, a plain-text (.txt) and an HTML (.html) Mustache template; join.*, links.*, header.html and \
            footer.* are shared partials. To change one, export them, edit the files you want (delete the rest) and point [mail] \
            templates at the folder: files there replace the built-in template of the same name.

            Example: supportcal mail templates --export ./mail-templates
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Write every built-in template to this folder as <name>.mustache.", valueName: "folder"))
    var export: String?

    func run() async throws {
        try await reportingFailures(json: global.json) {
            if let export {
                let folder = URL(fileURLWithPath: export, isDirectory: true)
                let written = try NoticeTemplates.exportBuiltIns(to: folder)
                print("wrote \(written.count) templates to \(folder.path)")
                return
            }
            let context = try AppContext.open(global)
            let templates = try NoticeTemplates(overridesIn: context.configuration.mail.templates)
            for name in NoticeTemplates.names {
                let source = context.configuration.mail.templates?.path ?? ""
                print("\(name)\(templates.overridden.contains(name) ? "  (replaced from \(source))" : "")")
            }
        }
    }
}
