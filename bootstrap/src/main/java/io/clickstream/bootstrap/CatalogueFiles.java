package io.clickstream.bootstrap;

import io.clickstream.adapter.csv.CommonsCsvCatalogueFormat;
import io.clickstream.domain.CatalogueItem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes a catalogue CSV beside generated or imported traffic, atomically: {@code DIR/catalogue/catalogue.csv}. */
final class CatalogueFiles {
    static final String FILE = "catalogue/catalogue.csv";

    private CatalogueFiles() {
    }

    static Path write(Path dir, List<CatalogueItem> items) throws IOException {
        Path file = dir.resolve(FILE);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            new CommonsCsvCatalogueFormat().write(items, out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
