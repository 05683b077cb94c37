import Foundation

/// How long tests wait before declaring a hang: a guard against deadlocks, never a speed assertion.
public enum TestTimeouts {
    /// Multiplies every wait (`DOSSIER_TIMEOUT_SCALE`, default 1): under a sanitizer the code runs several times
    /// slower, and a wait sized for a normal debug build would fail for speed, not for correctness.
    public static let scale: Double = {
        guard let text = ProcessInfo.processInfo.environment["DOSSIER_TIMEOUT_SCALE"], let scale = Double(text), scale >= 1 else { return 1 }
        return scale
    }()

    /// `duration` multiplied by `scale`.
    public static func scaled(_ duration: Duration) -> Duration { duration * scale }
}
