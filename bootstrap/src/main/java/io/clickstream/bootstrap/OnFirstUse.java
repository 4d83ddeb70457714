package io.clickstream.bootstrap;

import java.util.function.Supplier;

/** An adapter built the first time it is needed and closed with the process. Thread-safe. */
final class OnFirstUse<T extends AutoCloseable> {
    private final Lifecycle lifecycle;
    private final Supplier<T> factory;
    private T instance;

    OnFirstUse(Lifecycle lifecycle, Supplier<T> factory) {
        this.lifecycle = lifecycle;
        this.factory = factory;
    }

    synchronized T get() {
        if (instance == null) {
            instance = lifecycle.register(factory.get());
        }
        return instance;
    }
}
