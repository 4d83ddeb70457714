package io.clickstream.domain;

/**
 * What a running job step can report and be asked while it works. Implemented by the job service; passed
 * down to adapters so that long engine work (a Spark stage, a training epoch) reports progress and stops
 * when asked. May be called from any thread.
 */
public interface JobMonitor {
    /** Progress of this step within 0..1. */
    void progress(double fraction);

    /** Adds to a named counter ({@code landed}, {@code weblog.rejected}, ...). */
    void count(String counter, long delta);

    /** Sets a named counter, for whole values that are not sums (an epoch, a number of examples). */
    void set(String counter, long value);

    /** Sets a named decimal measure ({@code loss}, {@code candidate.MRR@20}): a figure, not a count. */
    void measure(String name, double value);

    /** True once shutdown asked the job to stop; a step should end at the next safe point. */
    boolean stopRequested();

    /** Throws {@link JobStoppedException} if a stop was requested: call between units of work. */
    default void checkNotStopped() {
        if (stopRequested()) {
            throw new JobStoppedException();
        }
    }

    /** A monitor that records nothing and never stops, for callers outside a job. */
    static JobMonitor none() {
        return new JobMonitor() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public void count(String counter, long delta) {
            }

            @Override
            public void set(String counter, long value) {
            }

            @Override
            public void measure(String name, double value) {
            }

            @Override
            public boolean stopRequested() {
                return false;
            }
        };
    }
}
