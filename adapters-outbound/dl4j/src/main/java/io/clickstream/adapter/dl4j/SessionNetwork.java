package io.clickstream.adapter.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The Deeplearning4j graph of the recommender: embeddings of the recent items and their event types (summed), two
 * branches over the sequence (masked mean and the newest step) merged, a tanh layer, and a softmax over the item
 * vocabulary. Also moves weights between a graph and {@link NetworkWeights}, and carries a published model's
 * weights over to a new vocabulary (warm start).
 */
final class SessionNetwork {
    static final String IN_ITEMS = "items";
    static final String IN_TYPES = "types";
    static final String ITEM_EMBEDDING = "itemEmbedding";
    static final String TYPE_EMBEDDING = "typeEmbedding";
    static final String DENSE = "dense";
    static final String OUTPUT = "output";
    private static final String WEIGHTS = "W";
    private static final String BIAS = "b";

    private SessionNetwork() {
    }

    static ComputationGraph build(int vocabulary, Dl4jTrainingSettings s) {
        int e = s.embeddingSize();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(s.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(IN_ITEMS, IN_TYPES)
                .addLayer(ITEM_EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(e)
                        .inputLength(s.sequenceLength()).hasBias(false).activation(Activation.IDENTITY).build(), IN_ITEMS)
                .addLayer(TYPE_EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(EncodedSequences.TYPE_COUNT).nOut(e)
                        .inputLength(s.sequenceLength()).hasBias(false).activation(Activation.IDENTITY).build(), IN_TYPES)
                .addVertex("steps", new ElementWiseVertex(ElementWiseVertex.Op.Add), ITEM_EMBEDDING, TYPE_EMBEDDING)
                .addLayer("mean", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "steps")
                .addVertex("newest", new LastTimeStepVertex(IN_ITEMS), "steps")
                .addVertex("merged", new MergeVertex(), "mean", "newest")
                .addLayer(DENSE, new DenseLayer.Builder().nIn(2L * e).nOut(s.hiddenSize()).activation(Activation.TANH)
                        .dropOut(s.dropoutKeep()).build(), "merged")
                .addLayer(OUTPUT, new OutputLayer.Builder(new LossSparseMCXENT()).nIn(s.hiddenSize()).nOut(vocabulary)
                        .activation(Activation.SOFTMAX).dropOut(s.dropoutKeep()).build(), DENSE)
                .setOutputs(OUTPUT)
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** The graph's current weights as plain arrays. */
    static NetworkWeights export(ComputationGraph graph, int sequenceLength) {
        INDArray items = param(graph, ITEM_EMBEDDING, WEIGHTS);
        INDArray types = param(graph, TYPE_EMBEDDING, WEIGHTS);
        INDArray denseW = param(graph, DENSE, WEIGHTS);
        INDArray outW = param(graph, OUTPUT, WEIGHTS);
        return new NetworkWeights((int) items.size(0), (int) items.size(1), (int) denseW.size(1), (int) types.size(0),
                sequenceLength, rowMajor(items), rowMajor(types), rowMajor(denseW), rowMajor(param(graph, DENSE, BIAS)),
                rowMajor(outW), rowMajor(param(graph, OUTPUT, BIAS)));
    }

    /**
     * Initialises {@code graph} (for {@code vocabulary}) from a published model: rows of items known to both keep
     * their embedding and output weights, padding and unknown keep theirs, event types and the dense layer are copied
     * whole; items new to this vocabulary keep their fresh initialisation.
     *
     * @return how many items were carried over
     */
    static int warmStart(ComputationGraph graph, Vocabulary vocabulary, ComputationGraph parent, Vocabulary parentVocabulary) {
        INDArray parentItems = param(parent, ITEM_EMBEDDING, WEIGHTS);
        INDArray items = param(graph, ITEM_EMBEDDING, WEIGHTS);
        if (parentItems.size(1) != items.size(1) || param(parent, DENSE, WEIGHTS).size(1) != param(graph, DENSE, WEIGHTS).size(1)) {
            throw new IllegalArgumentException("the published model has embedding/hidden sizes " + parentItems.size(1) + "/"
                    + param(parent, DENSE, WEIGHTS).size(1) + ", this run uses " + items.size(1) + "/"
                    + param(graph, DENSE, WEIGHTS).size(1));
        }
        List<int[]> pairs = new ArrayList<>();
        pairs.add(new int[] {Vocabulary.PADDING, Vocabulary.PADDING});
        pairs.add(new int[] {Vocabulary.UNKNOWN, Vocabulary.UNKNOWN});
        for (int i = Vocabulary.FIRST_ITEM; i < vocabulary.size(); i++) {
            int old = parentVocabulary.indexOf(vocabulary.item(i));
            if (old != Vocabulary.UNKNOWN) {
                pairs.add(new int[] {i, old});
            }
        }
        int e = (int) items.size(1);
        int h = (int) param(graph, OUTPUT, WEIGHTS).size(0);
        float[] newEmb = rowMajor(items);
        float[] oldEmb = rowMajor(parentItems);
        float[] newOutW = rowMajor(param(graph, OUTPUT, WEIGHTS));
        float[] oldOutW = rowMajor(param(parent, OUTPUT, WEIGHTS));
        float[] newOutB = rowMajor(param(graph, OUTPUT, BIAS));
        float[] oldOutB = rowMajor(param(parent, OUTPUT, BIAS));
        int v = vocabulary.size();
        int oldV = (int) parentItems.size(0);
        for (int[] p : pairs) {
            System.arraycopy(oldEmb, p[1] * e, newEmb, p[0] * e, e);
            for (int j = 0; j < h; j++) {
                newOutW[j * v + p[0]] = oldOutW[j * oldV + p[1]];
            }
            newOutB[p[0]] = oldOutB[p[1]];
        }
        set(graph, ITEM_EMBEDDING, WEIGHTS, newEmb, items.shape());
        set(graph, OUTPUT, WEIGHTS, newOutW, param(graph, OUTPUT, WEIGHTS).shape());
        set(graph, OUTPUT, BIAS, newOutB, param(graph, OUTPUT, BIAS).shape());
        for (String[] whole : new String[][] {{TYPE_EMBEDDING, WEIGHTS}, {DENSE, WEIGHTS}, {DENSE, BIAS}}) {
            INDArray from = param(parent, whole[0], whole[1]);
            set(graph, whole[0], whole[1], rowMajor(from), from.shape());
        }
        return pairs.size() - 2;
    }

    private static INDArray param(ComputationGraph graph, String layer, String name) {
        return graph.getLayer(layer).getParam(name);
    }

    private static void set(ComputationGraph graph, String layer, String name, float[] values, long[] shape) {
        graph.getLayer(layer).setParam(name, Nd4j.create(values, shape, 'c'));
    }

    /** Values in row-major order whatever the view's own ordering. */
    static float[] rowMajor(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
