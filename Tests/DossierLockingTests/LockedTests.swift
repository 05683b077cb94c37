import Dispatch
import DossierLocking
import Foundation
import Testing

@Suite("Locked")
struct LockedTests {
    /// A lost update would show as a count below threads × increments.
    @Test func concurrentIncrementsGiveTheExactCount() {
        let threads = 8
        let incrementsPerThread = 20_000
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<incrementsPerThread {
                counter.withLock { $0 += 1 }
            }
        }
        #expect(counter.withLock { $0 } == threads * incrementsPerThread)
    }

    /// Plain threads (not the Dispatch pool), each appending its own tagged values: nothing lost, each thread's order kept.
    @Test func concurrentAppendsFromThreadsKeepEveryValue() {
        let threads = 6
        let appendsPerThread = 2_000
        let values = Locked<[Int]>([])
        let finished = DispatchGroup()
        for thread in 0..<threads {
            finished.enter()
            Thread {
                for i in 0..<appendsPerThread { values.withLock { $0.append(thread * appendsPerThread + i) } }
                finished.leave()
            }.start()
        }
        finished.wait()
        let all = values.withLock { $0 }
        #expect(all.count == threads * appendsPerThread)
        #expect(Set(all).count == all.count)
        for thread in 0..<threads {
            let mine = all.filter { $0 / appendsPerThread == thread }
            #expect(mine == mine.sorted())
        }
    }

    private struct Refused: Error, Equatable { var reason: String }

    /// A typed error thrown inside the lock propagates with its type, and the lock is released afterwards.
    @Test func typedThrowsPropagateAndReleaseTheLock() {
        let state = Locked(["a"])
        do throws(Refused) {
            try state.withLock { (list: inout [String]) throws(Refused) in
                list.append("b")
                throw Refused(reason: "full")
            }
            Issue.record("expected a throw")
        } catch {
            #expect(error == Refused(reason: "full"))
        }
        // Not deadlocked: the defer unlocked on the throwing path, and the mutation before the throw stays.
        #expect(state.withLock { $0 } == ["a", "b"])
    }

    @Test func returnsTheBodysResult() {
        let state = Locked((count: 2, name: "x"))
        let description = state.withLock { s -> String in
            s.count += 1
            return "\(s.name)\(s.count)"
        }
        #expect(description == "x3")
    }
}

@Suite("Locked misuse")
struct LockedMisuseTests {
    /// Re-entering the lock on one thread stops the process with a message instead of hanging forever.
    @Test func reentryStopsInsteadOfDeadlocking() async {
        await #expect(processExitsWith: .failure) {
            let counter = Locked(0)
            counter.withLock { _ in counter.withLock { $0 += 1 } }
        }
    }
}
