import ArgumentParser
import Scheduling

/// `--kind live-session|phone-support [--length MINUTES]`.
struct SessionTypeOptions: ParsableArguments {
    @Option(help: "live-session or phone-support.")
    var kind: String

    @Option(help: "Length in minutes (default: the shortest offered for the kind).")
    var length: Int?

    func sessionType(offered: [SessionType]) throws -> SessionType {
        guard let kind = SessionKind(rawValue: kind) else {
            throw CommandFailure(
                message: "--kind \(self.kind): use \(SessionKind.allCases.map(\.rawValue).joined(separator: " or "))",
                exitCode: ExitStatus.usage)
        }
        let lengths = offered.filter { $0.kind == kind }.map(\.minutes).sorted()
        guard let chosen = length ?? lengths.first else {
            throw CommandFailure(
                message: "--kind \(kind.rawValue) is not offered (see session_kinds in the configuration)", exitCode: ExitStatus.usage)
        }
        guard lengths.contains(chosen) else {
            throw CommandFailure(
                message: "--length \(chosen): \(kind.rawValue) is offered in \(lengths.map(String.init).joined(separator: ", ")) minutes",
                exitCode: ExitStatus.usage)
        }
        return SessionType(kind, minutes: chosen)
    }
}
