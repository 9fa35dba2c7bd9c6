import CalDAV
import Testing

@Suite("ETags of compressed answers")
struct ETagTests {
    /// (header, Content-Encoding, the resource's ETag): Cyrus weakens the ETag of a zstd or
    /// gzip answer, Apache's mod_deflate appends the coding; without a coding nothing changes.
    @Test(
        arguments: [
            (#"W/"f707""#, "zstd", #""f707""#),
            (#"W/"f707""#, "gzip", #""f707""#),
            (#""abc-gzip""#, "gzip", #""abc""#),
            (#""abc-gzip""#, nil, #""abc-gzip""#),
            (#"W/"weak""#, nil, #"W/"weak""#),
            (#"W/"weak""#, "identity", #"W/"weak""#),
            (#""plain""#, "br", #""plain""#),
        ] as [(String, String?, String)])
    func theResourcesETagIsRecovered(header: String, encoding: String?, expected: String) {
        #expect(ETag.ofResource(header, contentEncoding: encoding) == ETag(expected))
    }
}
