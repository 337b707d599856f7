#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutual-exclusion lock with a condition to wait on, over the system's own. `due` takes
/// these from the C library rather than Foundation's `NSLock` and `NSCondition`: Foundation
/// beyond its essentials brings ICU and megabytes of resident pages into every run, for the
/// three locks and two threads `due` makes.
final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Conditions numbered from 0: waiters of different kinds (threads waiting for work, makers
    /// waiting for room) each wait on their own, so a wake-up reaches only those it concerns.
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    private let count: Int

    init(conditions: Int = 1) {
        count = conditions
        self.conditions = .allocate(capacity: conditions)
        pthread_mutex_init(mutex, nil)
        for k in 0..<conditions { pthread_cond_init(self.conditions + k, nil) }
    }

    deinit {
        for k in 0..<count { pthread_cond_destroy(conditions + k) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Waits on condition `k`, the lock held, until it is signalled; the lock is held again on
    /// return.
    func wait(_ k: Int = 0) { pthread_cond_wait(conditions + k, mutex) }

    /// Wakes one waiter on condition `k`, if any.
    func signal(_ k: Int = 0) { pthread_cond_signal(conditions + k) }

    /// Wakes every waiter on condition `k`.
    func broadcast(_ k: Int = 0) { pthread_cond_broadcast(conditions + k) }
}

/// A thread of its own, for work that blocks (reading a pipe, syncing a file) and so should not
/// hold one of Dispatch's threads, which are as many as the cores.
enum OwnThread {
    /// Starts `body` on a new detached thread with a stack of `stackSize` bytes.
    static func start(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let made = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        precondition(made == 0, "cannot start a thread: \(made)")
    }
}
