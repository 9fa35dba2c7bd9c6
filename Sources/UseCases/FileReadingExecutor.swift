import Dispatch

/// A task executor of its own for reading local calendar folders: parsing the files that
/// changed in a folder of thousands can take a hundred milliseconds, and on a two-core
/// machine Swift's cooperative pool has two threads, which requests must not wait behind.
final class FileReadingExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = FileReadingExecutor()

    // Serial: one folder re-read runs at a time anyway (`CalendarBusyTime` keeps one in flight).
    private let queue = DispatchQueue(label: "supportcal.calendar-files", qos: .utility)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
