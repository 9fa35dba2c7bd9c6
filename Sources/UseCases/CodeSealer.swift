import Config
import Crypto
import Foundation
import Scheduling

/// Seals a company's maintenance code (AES-256-GCM) so the store can keep it for the
/// company's contacts to read on their profile, while a copy of the database alone
/// reveals nothing: the key lives outside it, in `$SUPPORTCAL_CODE_SEALING_KEY` or in
/// `code-sealing.key` in the data folder (made on first use, mode 0600). The sealed bytes
/// name the company they belong to (authenticated data), so one company's sealed code
/// pasted onto another's row does not open.
public struct CodeSealer: Sendable {
    public static let variable = "SUPPORTCAL_CODE_SEALING_KEY"
    static let fileName = "code-sealing.key"

    // The bytes, not a `SymmetricKey` (which is not Sendable); a key is made per use.
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A 32-byte key, base64 (what the key file holds).
    public init(base64 text: String, origin: String) throws {
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw SetupError("\(origin): the code-sealing key must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)")
        }
        keyBytes = bytes
    }

    /// The installation's sealer: the environment variable, else the key file.
    public static func configured(
        _ configuration: SupportCalConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CodeSealer {
        if let value = environment[variable], !value.isEmpty { return try CodeSealer(base64: value, origin: "$\(variable)") }
        let file = configuration.dataDirectory.appendingPathComponent(fileName)
        let text = try SecretFile.readOrCreate(file, what: "code-sealing key") {
            SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        }
        return try CodeSealer(base64: text, origin: file.path)
    }

    public func seal(_ code: String, company: CompanyID) throws -> [UInt8] {
        let box = try AES.GCM.seal(Data(code.utf8), using: key, authenticating: Data(company.rawValue.utf8))
        guard let combined = box.combined else { throw SetupError("AES-GCM gave no combined form", isConfiguration: false) }
        return Array(combined)
    }

    /// The code `code` keeps for `company`: nil when it was issued before codes were kept.
    /// Throws when the bytes do not open with this key (another key, or altered).
    public func open(_ code: MaintenanceCode, company: CompanyID) throws -> String? {
        guard let sealed = code.sealed else { return nil }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(sealed))
            return String(decoding: try AES.GCM.open(box, using: key, authenticating: Data(company.rawValue.utf8)), as: UTF8.self)
        } catch {
            throw SetupError("the maintenance code of \(company) does not open with this code-sealing key (was the key replaced?)")
        }
    }
}
