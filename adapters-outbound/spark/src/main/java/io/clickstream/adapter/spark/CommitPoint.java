package io.clickstream.adapter.spark;

/** The steps of staging one batch, in order; a run killed after any of them is completed exactly by the next run. */
enum CommitPoint {
    /** Spark has logged the batch's offset range; nothing of the batch is written yet. */
    BATCH_STARTED,
    /** The batch's Parquet files are complete in its work folder, but not yet declared written. */
    FILES_WRITTEN,
    /** The work folder is declared complete (state file); from here on the batch is never recomputed. */
    STATE_SAVED,
    /** One file has been moved from the work folder into a table folder. */
    FILE_PUBLISHED,
    /** Every file is in its table and the partitions are registered. */
    PARTITIONS_ADDED,
    /** The batch's done-marker is written; only Spark's own commit of the offsets remains. */
    BATCH_MARKED
}
