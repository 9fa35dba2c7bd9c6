import ArgumentParser
import Scheduling

/// `--kind live-session|phone-support [--length MINUTES]`.
struct SessionTypeOptions: ParsableArguments {
    @Option(help: "live-session or phone-support.")
    var kind: String

    @Option(help: "Length in minutes (default: the shortest offered for the kind).")
    var length: Int?

    /// The type asked for; without `--length`, the menu's default (`SessionMenu.defaultType`).
    func sessionType(from menu: SessionMenu) throws -> SessionType {
        do throws(SessionMenu.Refusal) {
            return try menu.choose(kind: kind, length: length)
        } catch {
            let message =
                switch error {
                case .unknownKind(let text): "--kind \(text): use \(SessionKind.allCases.map(\.rawValue).joined(separator: " or "))"
                case .kindNotOffered(let kind): "--kind \(kind.rawValue) is not offered (see session_kinds in the configuration)"
                case .lengthNotOffered(let kind, let chosen, let offered):
                    "--length \(chosen): \(kind.rawValue) is offered in \(offered.map(String.init).joined(separator: ", ")) minutes"
                }
            throw CommandFailure(message: message, exitCode: ExitStatus.usage)
        }
    }
}
