import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import SupportServer

/// Beyond what it can run and queue, the service says so at once instead of growing
/// every request's latency until none completes.
@Suite struct LoadSheddingTests {
    @Test func requestsBeyondTheRunningAndQueuedLimitsAreShed() async throws {
        let gate = AdmissionGate(limits: .init(concurrent: 2, queued: 1, maximumWait: .seconds(30)))
        #expect(await gate.enter())
        #expect(await gate.enter())
        let queued = Task { await gate.enter() }
        while gate.load.waiting < 1 { await Task.yield() }
        #expect(await gate.enter() == false, "two running and one waiting: the fourth is shed")
        gate.leave()
        #expect(await queued.value, "the waiting request runs when one finishes")
        #expect(gate.load == (2, 0))
        gate.leave()
        gate.leave()
        #expect(gate.load == (0, 0))
    }

    @Test func aRequestThatWaitsTooLongIsShed() async throws {
        let gate = AdmissionGate(limits: .init(concurrent: 1, queued: 4, maximumWait: .milliseconds(50)))
        #expect(await gate.enter())
        let clock = ContinuousClock()
        let started = clock.now
        #expect(await gate.enter() == false)
        #expect(clock.now - started >= .milliseconds(50))
        #expect(gate.load == (1, 0))
        gate.leave()
        #expect(await gate.enter(), "free again")
    }

    /// Through the router: a shed request is a 503 with Retry-After, in the API's JSON.
    @Test func aShedRequestIsA503WithRetryAfter() async throws {
        let fixture = try ServerFixture()
        let router = SupportServer.router(fixture.environment, load: .init(concurrent: 1, queued: 0, maximumWait: .seconds(1)))
        let release = AsyncStream<Void>.makeStream()
        let entered = AsyncStream<Void>.makeStream()
        router.get("/test/slow") { _, _ -> String in
            entered.continuation.yield()
            for await _ in release.stream { break }
            return "done"
        }
        let app = Application(router: router)
        try await app.test(.live) { client in
            async let slow: HTTPResponse.Status = client.execute(uri: "/test/slow", method: .get) { response in response.status }
            for await _ in entered.stream { break }
            // A second connection: one connection's requests would queue behind the slow one.
            let port = try #require(client.port)
            let other = TestClient(host: "localhost", port: port)
            other.connect()
            let shed: TestClient.Response = try await other.get("/api/slots?kind=live-session")
            let health: TestClient.Response = try await other.get("/healthz")
            try await other.shutdown()
            release.continuation.yield()
            #expect(shed.status == .serviceUnavailable)
            #expect(shed.headers[.retryAfter] == "1")
            #expect(String(buffer: shed.body ?? ByteBuffer()).contains("busy"))
            #expect(health.status == .ok, "the health check is never shed")
            let slowStatus: HTTPResponse.Status = try await slow
            #expect(slowStatus == .ok)
        }
    }
}
