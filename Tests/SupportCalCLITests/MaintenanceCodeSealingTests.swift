import Foundation
import Scheduling
import Store
import TestSupport
import Testing
import UseCases

/// `companies add` and `rotate-code` print the code once and keep it sealed for the
/// company's contacts, under a key file the store never holds.
@Suite struct MaintenanceCodeSealingTests {
    func storedCode(_ workspace: CLIWorkspace, _ company: CompanyID) throws -> MaintenanceCode? {
        let store = try SupportStore(path: workspace.data.appendingPathComponent("supportcal.sqlite").path, logger: testLogger)
        return try store.read { tx in try tx.company(company)?.maintenanceCode }
    }

    @Test func thePrintedCodeIsKeptSealedAndRotationReplacesIt() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        struct Issued: Decodable { var code: String }
        let added = try JSONDecoder().decode(
            Issued.self,
            from: Data(try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme", "--plan", "free", "--json"]).utf8))
        let keyFile = workspace.data.appendingPathComponent("code-sealing.key")
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the key file is the owner's alone")
        let sealer = try CodeSealer(base64: try String(contentsOf: keyFile, encoding: .utf8), origin: keyFile.path)
        #expect(try sealer.open(try #require(try storedCode(workspace, "acme")), company: "acme") == added.code)

        let rotated = try JSONDecoder().decode(
            Issued.self, from: Data(try workspace.ok(["companies", "rotate-code", "acme", "--json"]).utf8))
        #expect(rotated.code != added.code)
        #expect(try sealer.open(try #require(try storedCode(workspace, "acme")), company: "acme") == rotated.code)

        let files = try FileManager.default.contentsOfDirectory(at: workspace.data, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("supportcal.sqlite") }
        for file in files {
            let bytes = try Data(contentsOf: file)
            for code in [added.code, rotated.code] {
                #expect(bytes.range(of: Data(code.utf8)) == nil, "\(file.lastPathComponent) holds \(code)")
            }
        }
    }
}
