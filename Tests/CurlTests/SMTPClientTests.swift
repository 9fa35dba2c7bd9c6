import Foundation
import TestSupport
import Testing

@testable import Curl

@Suite struct SMTPClientTests {
    /// A message with a unique id, non-ASCII text, a line starting with a dot (SMTP
    /// dot-stuffing must undo itself) and a long base64 body.
    func message(id: String) -> [UInt8] {
        let attachment = Data((0..<3000).map { UInt8($0 % 251) }).base64EncodedString(options: .lineLength76Characters)
            .replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "\r\r\n", with: "\r\n")
        let text = """
            From: Vendor Support <support@vendor.example>\r
            To: Eve <eve@orsted.example>\r
            Subject: =?UTF-8?Q?Test_=C3=98rsted?=\r
            Message-ID: <\(id)@supportcal.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            Hello Ørsted,\r
            .a line that starts with a dot\r
            .\r
            bye\r
            --b1\r
            Content-Type: application/octet-stream\r
            Content-Transfer-Encoding: base64\r
            \r
            \(attachment)\r
            --b1--\r

            """
        return Array(text.utf8)
    }

    /// Waits for the spool to hold the message with `id`, returning the raw file.
    func received(id: String) async throws -> [UInt8]? {
        let spool = try TestServers.smtpSpool().appendingPathComponent("new")
        for _ in 0..<50 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: spool.path)) ?? []
            for name in names {
                let data = try Data(contentsOf: spool.appendingPathComponent(name))
                if String(decoding: data, as: UTF8.self).contains("<\(id)@supportcal.test>") { return Array(data) }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// The message as the server stored it, without the envelope lines the test server adds.
    func body(of stored: [UInt8]) -> (envelope: String, message: [UInt8]) {
        let text = String(decoding: stored, as: UTF8.self)
        var envelope: [Substring] = []
        var rest = Substring(text)
        while rest.hasPrefix("X-Envelope-") {
            let end = rest.range(of: "\n")!.upperBound
            envelope.append(rest[..<end])
            rest = rest[end...]
        }
        return (envelope.joined(), Array(rest.utf8))
    }

    enum Listener: String, CaseIterable, CustomTestStringConvertible {
        case plain, startTLS, implicitTLS
        var testDescription: String { rawValue }

        func configuration() throws -> SMTPConfiguration {
            switch self {
            case .plain:
                return SMTPConfiguration(url: try TestServers.smtp())
            case .startTLS:
                return SMTPConfiguration(
                    url: try TestServers.smtpStartTLS(), security: .startTLS, user: TestServers.user,
                    password: try TestServers.password(), caFile: try TestServers.smtpCA())
            case .implicitTLS:
                return SMTPConfiguration(
                    url: try TestServers.smtps(), user: TestServers.user,
                    password: try TestServers.password(), caFile: try TestServers.smtpCA())
            }
        }
    }

    @Test(arguments: Listener.allCases)
    func aSubmissionArrivesIntactWithItsEnvelope(listener: Listener) async throws {
        let id = UUID().uuidString
        let sent = message(id: id)
        let client = SMTPClient(try listener.configuration(), logger: testLogger)
        try await client.send(
            sent,
            envelope: SMTPEnvelope(
                sender: "bounces@vendor.example",
                recipients: ["eve@orsted.example", "cc@orsted.example"]))
        let stored = try #require(try await received(id: id), "the message never reached the spool")
        let (envelope, message) = body(of: stored)
        // Maildir stores LF line ends; compare with the sent text normalised the same way.
        let expected = String(decoding: sent, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(String(decoding: message, as: UTF8.self) == expected)
        #expect(envelope.contains("X-Envelope-From: bounces@vendor.example"))
        #expect(envelope.contains("X-Envelope-To: eve@orsted.example, cc@orsted.example"))
        #expect(envelope.contains("X-Envelope-TLS: \(listener != .plain ? "True" : "False")"))
    }

    @Test func aWrongPasswordIsLoginDenied() async throws {
        var configuration = try Listener.startTLS.configuration()
        configuration.password = "not-the-password"
        await #expect {
            try await SMTPClient(configuration, logger: testLogger).send(
                message(id: UUID().uuidString),
                envelope: SMTPEnvelope(sender: "a@vendor.example", recipients: ["b@orsted.example"]))
        } throws: { error in
            guard let error = error as? CurlError else { return false }
            return error.code == .loginDenied && !"\(error)".contains("not-the-password")
        }
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        var configuration = try Listener.implicitTLS.configuration()
        configuration.caFile = nil
        await #expect {
            try await SMTPClient(configuration, logger: testLogger).send(
                message(id: UUID().uuidString),
                envelope: SMTPEnvelope(sender: "a@vendor.example", recipients: ["b@orsted.example"]))
        } throws: { ($0 as? CurlError)?.code == .tls }
    }

    @Test(arguments: ["eve@orsted.example\r\nRCPT TO:<victim@example.com>", "eve@orsted.example>", "", "no-at-sign"])
    func anEnvelopeAddressThatCouldInjectACommandIsRefused(address: String) async throws {
        let client = SMTPClient(try Listener.plain.configuration(), logger: testLogger)
        await #expect {
            try await client.send(message(id: UUID().uuidString), envelope: SMTPEnvelope(sender: "a@vendor.example", recipients: [address]))
        } throws: { ($0 as? CurlError)?.code == .badRequest }
    }

    @Test func aServerThatIsDownIsTransient() async throws {
        let client = SMTPClient(SMTPConfiguration(url: "smtp://127.0.0.1:\(try ClosedPort.find())"), logger: testLogger)
        await #expect {
            try await client.send(
                message(id: UUID().uuidString), envelope: SMTPEnvelope(sender: "a@vendor.example", recipients: ["b@orsted.example"]))
        } throws: { ($0 as? CurlError)?.isTransient == true }
    }
}
