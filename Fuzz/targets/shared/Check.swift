// Shared by every fuzz target (see Fuzz/run.sh).

/// Like `precondition`, but keeps the message in optimised builds.
@inline(never)
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}
