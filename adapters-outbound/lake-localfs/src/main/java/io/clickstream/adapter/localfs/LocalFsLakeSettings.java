package io.clickstream.adapter.localfs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of the local-directory lake.
 *
 * @param root the lake's folder (config {@code lake.uri} as a path or {@code file:} URI; default {@code ./data/lake})
 */
record LocalFsLakeSettings(Path root) {
    public LocalFsLakeSettings {
        Objects.requireNonNull(root, "root");
    }
}
