import Glibc

/// A serial executor that runs its jobs on one OS thread of its own. A `SchemeActor` runs
/// on it, so an evaluation, which blocks its thread while the scheduler waits in epoll,
/// never holds a thread of Swift's cooperative pool.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // Guarded by `mutex`; the thread sleeps on `ready` when there is nothing to run.
    private var mutex = pthread_mutex_t()
    private var ready = pthread_cond_t()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    init(stackBytes: Int = 64 << 20) {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&ready, nil)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackBytes)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let made = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<ThreadExecutor>.fromOpaque(raw).takeRetainedValue().loop()
            return nil
        }, context)
        pthread_attr_destroy(&attributes)
        precondition(made == 0, "cannot start the executor thread")
        pthread_detach(thread)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        pthread_mutex_lock(&mutex)
        jobs.append(unowned)
        pthread_cond_signal(&ready)
        pthread_mutex_unlock(&mutex)
    }

    /// Lets the thread end once the jobs queued so far have run.
    func shutdown() {
        pthread_mutex_lock(&mutex)
        stopping = true
        pthread_cond_signal(&ready)
        pthread_mutex_unlock(&mutex)
    }

    private func loop() {
        while true {
            pthread_mutex_lock(&mutex)
            while jobs.isEmpty && !stopping { pthread_cond_wait(&ready, &mutex) }
            let batch = jobs
            jobs = []
            let done = stopping && batch.isEmpty
            pthread_mutex_unlock(&mutex)
            if done { return }
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
        }
    }
}
