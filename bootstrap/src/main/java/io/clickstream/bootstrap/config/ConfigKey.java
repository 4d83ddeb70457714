package io.clickstream.bootstrap.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key, defined once with its type, default and documentation (the README's table lists the
 * same keys; a test keeps the two in step).
 *
 * @param defaultValue the default as text, or null when the key is optional and has none
 */
public record ConfigKey<T>(String name, String defaultValue, String doc, Function<String, T> parser) {

    public static final String ENV_PREFIX = "PIPELINE_";

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(parser, "parser");
        if (!name.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*")) {
            throw new IllegalArgumentException("config keys are lowercase and dotted: " + name);
        }
    }

    /** The environment variable that overrides this key: {@code http.port} is {@code PIPELINE_HTTP_PORT}. */
    public String envName() {
        return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(name + " (" + envName() + "): cannot use '" + text + "': " + e.getMessage());
        }
    }
}
