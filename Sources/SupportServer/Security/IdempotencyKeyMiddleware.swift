import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store
import Synchronization

/// `Idempotency-Key` on a route group: a retried request (same key, same body) gets the
/// first answer again with `Idempotent-Replayed: true` instead of running twice; the same
/// key with another body is 422; a first request still running is 409.
struct IdempotencyKeyMiddleware: RouterMiddleware {
    typealias Context = SupportRequestContext
    let store: SupportStore
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key = request.headers[.idempotencyKey] else { return try await next(request, context) }
        guard (1...200).contains(key.count) else { throw HTTPError(.badRequest, message: "Idempotency-Key must be 1 to 200 characters") }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw HTTPError.bodyTooLarge(limit: context.maxUploadSize)
        }
        let fingerprint = Data(SHA256.hash(data: Data(body.readableBytesView))).base64EncodedString()
        let outcome = try await IdempotentOnce(store: store).run(key: key, fingerprint: fingerprint, now: now) {
            let response = try await next(request, context)
            return .init(status: response.status.code, body: try await Self.text(of: response))
        }
        switch outcome {
        case .answered(let answer, let replayed):
            return APIResponseEncoder.response(
                data: Data(answer.body.utf8), status: HTTPResponse.Status(code: answer.status),
                headers: replayed ? [.idempotentReplayed: "true"] : [:])
        case .inProgress:
            throw HTTPError(.conflict, message: "a request with this Idempotency-Key is still being handled; retry in a moment")
        case .mismatch:
            throw HTTPError(.unprocessableContent, message: "this Idempotency-Key was used for a different request")
        }
    }

    /// The whole body of a (small, JSON) response, to be recorded with the key.
    static func text(of response: Response) async throws -> String {
        let collected = Collected()
        try await response.body.write(CollectingWriter(collected: collected))
        return collected.bytes.withLock { String(buffer: $0) }
    }

    /// The writer is consumed by `write`, so what it gathers lives outside it.
    private final class Collected: Sendable {
        let bytes = Mutex(ByteBuffer())
    }

    private struct CollectingWriter: ResponseBodyWriter {
        let collected: Collected

        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            collected.bytes.withLock { _ = $0.writeBuffer(&buffer) }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
