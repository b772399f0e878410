package org.emulens.ensemble.calibration;

/** Told how far a long calibration step has come, for a progress bar. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, done, total) -> { };

    void update(String stage, long done, long total);
}
