import Foundation
import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage, the client's address (the
/// maintenance-code rate limit counts by it), who the caller is (`CallerMiddleware`), and
/// the API's JSON coding.
public struct SupportRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address ("local" when there is none, as in router tests).
    public let peerAddress: String
    /// Set from the Authorization header before any route runs.
    var caller: Caller = .anonymous

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// Forms and API bodies are small; anything larger is refused with 413 before it is read.
    public var maxUploadSize: Int { 32 * 1024 }
    public var requestDecoder: APIRequestDecoder { APIRequestDecoder() }
    public var responseEncoder: APIResponseEncoder { APIResponseEncoder() }

    /// The client's address: the peer, or behind a trusted reverse proxy the last
    /// X-Forwarded-For entry (the one that proxy added).
    func clientAddress(_ request: Request, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return peerAddress
    }
}
