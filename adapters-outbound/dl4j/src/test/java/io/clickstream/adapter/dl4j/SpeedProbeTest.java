package io.clickstream.adapter.dl4j;

import io.clickstream.adapter.memory.InMemoryDataLake;
import java.time.Instant;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SpeedProbeTest {
    @Test
    void probe() {
        System.out.println("threads env " + System.getenv("OMP_NUM_THREADS") + " nd4j " + Nd4j.getEnvironment().maxThreads()
                + " blas " + Nd4j.getBlasWrapper().getClass());
        PlantedSessions gen = new PlantedSessions(400, 16, 7);
        InMemoryDataLake lake = new InMemoryDataLake();
        EncodedSequences.Builder b = new EncodedSequences.Builder();
        var data = PlantedSessions.write(lake, "x", gen.sessions(3000, Instant.EPOCH, 7), 0.1);
        Vocabulary v = Vocabulary.read(lake, data.location().resolve("vocabulary.tsv"), 1);
        EncodedSequences seqs = new DatasetFiles(lake, data.location()).read("train.tsv", v);
        TrainingExamples ex = new TrainingExamples(seqs, 10);
        for (int[] sizes : new int[][] {{100, 100}, {32, 64}}) {
            ComputationGraph g = SessionNetwork.build(v.size(), Dl4jTrainingSettings.defaults().withSizes(sizes[0], sizes[1]));
            Random r = new Random(1);
            for (int round = 0; round < 3; round++) {
                long build = 0, fit = 0;
                int n = 0;
                for (int from = 0; from + 256 <= ex.size(); from += 256) {
                    long t0 = System.nanoTime();
                    var ds = ex.batch(from, from + 256, r, 0.5);
                    long t1 = System.nanoTime();
                    g.fit(ds);
                    long t2 = System.nanoTime();
                    build += t1 - t0;
                    fit += t2 - t1;
                    n += 256;
                }
                System.out.printf("sizes %s round %d: %d examples, build %d ms, fit %d ms, %.0f ex/s%n", java.util.Arrays.toString(sizes),
                        round, n, build / 1_000_000, fit / 1_000_000, n / ((build + fit) / 1e9));
            }
        }
    }
}
