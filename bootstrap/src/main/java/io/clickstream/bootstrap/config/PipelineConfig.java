package io.clickstream.bootstrap.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The pipeline's configuration: built-in defaults, overridden by an optional properties file, overridden by
 * {@code PIPELINE_*} environment variables. Unknown keys fail start-up (a typo must not be ignored silently).
 */
public final class PipelineConfig {
    /** Environment variable naming the optional configuration file. */
    public static final String CONFIG_FILE_ENV = "PIPELINE_CONFIG_FILE";

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private PipelineConfig(Map<String, String> values, Map<String, String> origins) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    /** Loads from defaults, then {@code file} (if given, else {@code PIPELINE_CONFIG_FILE}), then the environment. */
    public static PipelineConfig load(Optional<Path> file, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.defaultValue() != null) {
                values.put(key.name(), key.defaultValue());
                origins.put(key.name(), "default");
            }
        }
        Optional<Path> configFile = file.or(() -> Optional.ofNullable(env.get(CONFIG_FILE_ENV)).filter(s -> !s.isBlank()).map(Path::of));
        if (configFile.isPresent()) {
            readFile(configFile.get()).forEach((k, v) -> {
                values.put(k, v);
                origins.put(k, configFile.get().toString());
            });
        }
        Map<String, ConfigKey<?>> byEnv = ConfigKeys.ALL.stream().collect(Collectors.toMap(ConfigKey::envName, k -> k));
        List<String> unknownEnv = new ArrayList<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(ConfigKey.ENV_PREFIX) || name.equals(CONFIG_FILE_ENV)) {
                return;
            }
            ConfigKey<?> key = byEnv.get(name);
            if (key == null) {
                unknownEnv.add(name);
            } else {
                values.put(key.name(), value);
                origins.put(key.name(), "environment " + name);
            }
        });
        if (!unknownEnv.isEmpty()) {
            throw new ConfigException("unknown configuration variable(s) " + new TreeSet<>(unknownEnv)
                    + "; valid ones are " + ConfigKeys.ALL.stream().map(ConfigKey::envName).collect(Collectors.joining(", ")));
        }
        PipelineConfig config = new PipelineConfig(values, origins);
        ConfigKeys.ALL.forEach(config::find);
        return config;
    }

    /** A configuration from defaults plus the given overrides (key names), for tests and embedding. */
    public static PipelineConfig of(Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, ConfigKey<?>> byName = ConfigKeys.ALL.stream().collect(Collectors.toMap(ConfigKey::name, k -> k));
        overrides.forEach((k, v) -> {
            ConfigKey<?> key = byName.get(k);
            if (key == null) {
                throw new ConfigException("unknown configuration key '" + k + "'");
            }
            env.put(key.envName(), v);
        });
        return load(Optional.empty(), env);
    }

    /** This configuration with some keys replaced (benchmarks and tests run the pipeline on their own folders). */
    public PipelineConfig with(Map<String, String> overrides) {
        Set<String> known = ConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet());
        Map<String, String> v = new LinkedHashMap<>(values);
        Map<String, String> o = new LinkedHashMap<>(origins);
        overrides.forEach((k, val) -> {
            if (!known.contains(k)) {
                throw new ConfigException("unknown configuration key '" + k + "'");
            }
            v.put(k, val);
            o.put(k, "override");
        });
        PipelineConfig config = new PipelineConfig(v, o);
        ConfigKeys.ALL.forEach(config::find);
        return config;
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Set<String> known = ConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet());
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (!known.contains(name)) {
                throw new ConfigException("unknown configuration key '" + name + "' in " + file + "; valid keys are "
                        + String.join(", ", new TreeSet<>(known)));
            }
            out.put(name, props.getProperty(name));
        }
        return out;
    }

    /** The value of a key with a default (or set explicitly). */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new ConfigException(key.name() + " (" + key.envName() + ") is not set"));
    }

    /** The value of an optional key; empty when unset or blank. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        String raw = values.get(key.name());
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(key.parse(raw));
    }

    public Path dataDir() {
        return get(ConfigKeys.DATA_DIR).toAbsolutePath().normalize();
    }

    /** {@code lake.uri}, defaulting to {@code <data.dir>/lake}; a plain path becomes a {@code file:} URI. */
    public URI lakeUri() {
        String raw = find(ConfigKeys.LAKE_URI).orElse(null);
        if (raw == null) {
            return dataDir().resolve("lake").toUri();
        }
        if (raw.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || raw.startsWith("file:")) {
            return URI.create(raw);
        }
        return Path.of(raw).toAbsolutePath().normalize().toUri();
    }

    /** Where each value came from, for {@code bin/pipeline config}; secrets masked. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String v = values.get(key.name());
            String name = key.name().toLowerCase(Locale.ROOT);
            String shown = v == null ? "(unset)" : name.contains("token") || name.endsWith(".keys") ? "****" : v;
            out.put(key.name(), shown + "  [" + origins.getOrDefault(key.name(), "unset") + "]");
        }
        return out;
    }
}
