package io.clickstream.application.service;

import io.clickstream.application.port.out.CatalogueFormat;
import io.clickstream.application.port.out.CatalogueSource;
import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLake.LakeObject;
import io.clickstream.domain.LakeLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Catalogue CSV files a shop drops into {@code landing/_incoming/catalogue/}, collected one file per chunk in name
 * order. The checkpoint lists the files already read, each with its size and modification time, so a file replaced
 * under the same name is read again (re-applying a row is harmless: the newest row per item wins) and a file read
 * once is never landed twice. Files no longer present leave the checkpoint.
 */
public final class DroppedCatalogueFiles implements CatalogueSource {
    public static final String ID = "catalogue-csv";

    private final DataLake lake;
    private final CatalogueFormat format;

    public DroppedCatalogueFiles(DataLake lake, CatalogueFormat format) {
        this.lake = lake;
        this.format = format;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Reads the first file not read yet, whatever its size: a shop's export is one consistent snapshot. */
    @Override
    public Chunk collect(Optional<String> checkpoint, int maxItems) {
        Set<String> read = new TreeSet<>(checkpoint.filter(c -> !c.isBlank()).map(c -> List.of(c.split("\n"))).orElse(List.of()));
        List<LakeObject> files = lake.list(LakeLayout.catalogueDrops()).stream()
                .filter(o -> o.path().name().endsWith(".csv")).toList();
        Set<String> present = new TreeSet<>();
        LakeObject next = null;
        for (LakeObject file : files) {
            String mark = mark(file);
            if (read.contains(mark)) {
                present.add(mark);
            } else if (next == null) {
                next = file;
            }
        }
        if (next == null) {
            return new Chunk(List.of(), List.of(), String.join("\n", present), true);
        }
        present.add(mark(next));
        CatalogueFormat.Parsed parsed = read(next);
        return new Chunk(parsed.items(), parsed.rejected(), String.join("\n", present), false);
    }

    private CatalogueFormat.Parsed read(LakeObject file) {
        String origin = file.path().key();
        try (InputStream in = lake.open(file.path()).orElseThrow(() -> new UncheckedIOException(
                new IOException(origin + " was listed but is gone")))) {
            return format.read(in, origin);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dropped catalogue " + origin, e);
        }
    }

    private static String mark(LakeObject file) {
        return file.path().key() + "\t" + file.size() + "\t" + file.lastModified().toEpochMilli();
    }
}
