package io.clickstream.application.port.out;

/** Loads a stored model version into a scorer ready to serve. */
public interface ModelLoader {
    ModelScorer load(String version);
}
