package io.clickstream.adapter.dl4j;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Scores concurrent requests together through the {@link OutputLayer}: each request queues its hidden units, and a
 * request that finds a free lane computes the logits of everything queued (up to {@code maxRows}) in one pass and
 * hands every request its row. It has no thread of its own: the request threads do the work, at most one per lane
 * at a time (a lane per core), so under load a pass serves many requests and an idle server answers one at once.
 * Thread-safe.
 */
final class LogitBatcher {
    private final OutputLayer layer;
    private final int maxRows;
    private final Semaphore lanes;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Pass> passes = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.LongAdder passCount = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder rowCount = new java.util.concurrent.atomic.LongAdder();

    LogitBatcher(OutputLayer layer, int lanes, int maxRows) {
        if (lanes < 1 || maxRows < 1) {
            throw new IllegalArgumentException("lanes and maxRows must be positive, got " + lanes + " and " + maxRows);
        }
        this.layer = layer;
        this.maxRows = maxRows;
        this.lanes = new Semaphore(lanes);
    }

    /** A batcher with a lane per available core. */
    static LogitBatcher perCore(OutputLayer layer) {
        return new LogitBatcher(layer, Runtime.getRuntime().availableProcessors(), 32);
    }

    /**
     * Writes the logits for {@code hidden} (one value per hidden unit) into {@code out}, which must hold one float
     * per vocabulary entry; returns once they are there. Never returns early, even when interrupted: another
     * thread may be writing into {@code out} (the interrupt status is kept).
     */
    void logits(float[] hidden, float[] out) {
        Pending mine = new Pending(hidden, out, Thread.currentThread());
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (lanes.tryAcquire()) {
                try {
                    runPass();
                } finally {
                    lanes.release();
                }
                // Requests queued while this lane was busy may all be parked: wake one to take the free lane.
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.waiter);
                }
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw new IllegalStateException("scoring failed: " + mine.failure.getMessage(), mine.failure);
        }
    }

    private void runPass() {
        Pass pass = passes.poll();
        if (pass == null) {
            pass = new Pass(maxRows, layer.hidden);
        }
        int rows = 0;
        Pending p;
        while (rows < maxRows && (p = queue.poll()) != null) {
            System.arraycopy(p.hidden, 0, pass.hidden, rows * layer.hidden, layer.hidden);
            pass.out[rows] = p.out;
            pass.pending[rows++] = p;
        }
        if (rows == 0) {
            passes.offer(pass);
            return;
        }
        if (!queue.isEmpty()) {
            // More than one pass is waiting: let another lane start on the rest now.
            Pending next = queue.peek();
            if (next != null) {
                LockSupport.unpark(next.waiter);
            }
        }
        passCount.increment();
        rowCount.add(rows);
        // Two or three rows cost less as four (zero rows padding the block) than one by one: the kernel sums four rows
        // per read of the weights, a single row is bound by reading them.
        int computed = rows;
        while (computed > 1 && computed % OutputLayer.ROWS != 0) {
            java.util.Arrays.fill(pass.hidden, computed * layer.hidden, (computed + 1) * layer.hidden, 0f);
            pass.out[computed] = pass.spare(computed - rows, layer.vocabulary);
            computed++;
        }
        RuntimeException failure = null;
        try {
            layer.logits(pass.hidden, computed, pass.out);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int r = rows; r < computed; r++) {
            pass.out[r] = null;
        }
        for (int r = 0; r < rows; r++) {
            Pending done = pass.pending[r];
            pass.pending[r] = null;
            pass.out[r] = null;
            done.failure = failure;
            done.done = true;
            LockSupport.unpark(done.waiter);
        }
        passes.offer(pass);
    }

    /** Passes of the output layer so far. */
    long passes() {
        return passCount.sum();
    }

    /** Requests scored so far (rows of all passes). */
    long rows() {
        return rowCount.sum();
    }

    private static final class Pending {
        final float[] hidden;
        final float[] out;
        final Thread waiter;
        RuntimeException failure; // written before done, read after it
        volatile boolean done;

        Pending(float[] hidden, float[] out, Thread waiter) {
            this.hidden = hidden;
            this.out = out;
            this.waiter = waiter;
        }
    }

    /** One lane's working memory, reused across passes. */
    private static final class Pass {
        final float[] hidden;
        final float[][] out;
        final Pending[] pending;

        private final float[][] spare = new float[OutputLayer.ROWS - 1][];

        Pass(int rows, int hiddenUnits) {
            int padded = (rows + OutputLayer.ROWS - 1) / OutputLayer.ROWS * OutputLayer.ROWS;
            hidden = new float[padded * hiddenUnits];
            out = new float[padded][];
            pending = new Pending[rows];
        }

        /** An output row for padding, kept for the next pass. */
        float[] spare(int i, int length) {
            if (spare[i] == null) {
                spare[i] = new float[length];
            }
            return spare[i];
        }
    }
}
