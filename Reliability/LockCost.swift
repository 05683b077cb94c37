// Measures an uncontended lock/unlock round trip of `Locked` (pthread) against Synchronization's `Mutex` (futex).
// Built and run by lock-cost.sh against an optimised DossierLocking module, as the package uses it (across a module boundary).
import Dispatch
import DossierLocking
import Synchronization

/// Nanoseconds per `withLock` call, best of `rounds` timed runs of `iterations` increments.
func nanosecondsPerCall(rounds: Int = 7, iterations: Int = 10_000_000, _ run: (Int) -> Int) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        let total = run(iterations)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
        precondition(total == iterations)  // uses the result so the loop is not optimised away
        best = min(best, elapsed / Double(iterations))
    }
    return best
}

@main
enum LockCost {
  static func main() {
    let mutex = Mutex(0)
    let locked = Locked(0)
    // Twice each, interleaved, so a warm-up or frequency change does not favour one side.
    for pass in 1...2 {
    let mutexCost = nanosecondsPerCall { n in
        mutex.withLock { $0 = 0 }
        for _ in 0..<n { mutex.withLock { $0 += 1 } }
        return mutex.withLock { $0 }
    }
    let lockedCost = nanosecondsPerCall { n in
        locked.withLock { $0 = 0 }
        for _ in 0..<n { locked.withLock { $0 += 1 } }
        return locked.withLock { $0 }
    }
    print("pass \(pass): Mutex \(format2(mutexCost)) ns/call, Locked \(format2(lockedCost)) ns/call")
    }
  }
}

/// Two decimals without Foundation.
func format2(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
