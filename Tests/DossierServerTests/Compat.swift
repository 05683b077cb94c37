#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func usleepCompat(_ microseconds: UInt32) { _ = usleep(microseconds) }
