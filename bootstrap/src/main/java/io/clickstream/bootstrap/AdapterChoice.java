package io.clickstream.bootstrap;

import io.clickstream.bootstrap.config.ConfigException;
import java.util.Map;
import java.util.TreeSet;
import javax.inject.Provider;

/** Picks the adapter a configuration value names, failing at start with the valid names. */
final class AdapterChoice {
    private AdapterChoice() {
    }

    static <T> T pick(String key, String name, Map<String, Provider<T>> choices) {
        Provider<T> chosen = choices.get(name);
        if (chosen == null) {
            throw new ConfigException(key + ": '" + name + "' is not supported; valid choices are "
                    + String.join(", ", new TreeSet<>(choices.keySet())));
        }
        return chosen.get();
    }
}
