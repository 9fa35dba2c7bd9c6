import NIOPosix

/// The threads that run blocking libcurl transfers, so they never occupy Swift's
/// cooperative pool (whose few threads would otherwise stall every task).
public enum BlockingPool {
    /// Sized for a handful of parallel CalDAV and SMTP transfers per process.
    public static let shared: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 8)
        pool.start()
        return pool
    }()
}
