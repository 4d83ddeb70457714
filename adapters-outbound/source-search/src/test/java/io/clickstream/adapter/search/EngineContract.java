package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A contract run against a real engine that a subclass names: started once for the class, stopped after it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineContract {
    private EngineIndex engine;

    /** Starts the engine under test with the index (or core) the contract reads. */
    abstract EngineIndex startEngine() throws IOException;

    @BeforeAll
    void start() throws IOException {
        engine = startEngine();
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    EngineIndex engine() {
        return engine;
    }

    /** Removes every document. */
    void clear() {
        engine.clear();
    }

    /** Indexes the documents and makes them visible to searches. */
    void load(List<ObjectNode> docs) {
        engine.load(docs);
    }
}
