package org.emulens.benchmarks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory as Linux reports it in {@code /proc/self/status}; NaN elsewhere. */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** VmRSS: resident now, in MiB. */
    static double residentMib() {
        return field("VmRSS:");
    }

    /** VmHWM: the largest resident set so far, in MiB. */
    static double peakResidentMib() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException ex) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
