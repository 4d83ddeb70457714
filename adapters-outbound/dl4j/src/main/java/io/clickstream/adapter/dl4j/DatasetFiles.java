package io.clickstream.adapter.dl4j;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.domain.InteractionSequence;
import io.clickstream.domain.ZonePath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads the sequence files of a prepared dataset ({@code train.tsv}, {@code holdout.tsv}): a single file, or a folder
 * of that name holding {@code part-*} files as Spark writes them. Streams line by line; a malformed line fails with
 * the file and line number.
 */
final class DatasetFiles {
    private final DataLake lake;
    private final ZonePath dataset;

    DatasetFiles(DataLake lake, ZonePath dataset) {
        this.lake = lake;
        this.dataset = dataset;
    }

    /** The files holding {@code name}: the file itself, or the part files of the folder {@code name}, in key order. */
    List<ZonePath> files(String name) {
        List<ZonePath> found = matching(name);
        if (found.isEmpty()) {
            ZonePath single = dataset.resolve(name);
            throw new IllegalArgumentException("the dataset has no " + name + ": neither the file " + single
                    + " nor part-* files under " + single + "/ exist");
        }
        return found;
    }

    private List<ZonePath> matching(String name) {
        ZonePath single = dataset.resolve(name);
        String folder = single.relative() + "/";
        return lake.list(dataset).stream()
                .map(DataLake.LakeObject::path)
                .filter(p -> p.equals(single) || (p.relative().startsWith(folder) && p.name().startsWith("part-")
                        && !p.name().endsWith(".crc")))
                .sorted()
                .toList();
    }

    /** Whether the dataset holds {@code name}, as a file or as part files. */
    boolean exists(String name) {
        return !matching(name).isEmpty();
    }

    /** Encodes every sequence of {@code name} through the vocabulary. */
    EncodedSequences read(String name, Vocabulary vocabulary) {
        EncodedSequences.Builder builder = new EncodedSequences.Builder();
        forEach(name, s -> builder.add(s, vocabulary));
        return builder.build();
    }

    void forEach(String name, Consumer<InteractionSequence> sink) {
        for (ZonePath file : files(name)) {
            InputStream raw = lake.open(file).orElseThrow(() ->
                    new IllegalArgumentException(file + " disappeared while the dataset was read"));
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    file.name().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                long lineNo = 0;
                while ((line = reader.readLine()) != null) {
                    lineNo++;
                    if (line.isEmpty()) {
                        continue;
                    }
                    InteractionSequence sequence;
                    try {
                        sequence = InteractionSequence.parse(line);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ": " + e.getMessage() + ": '"
                                + Vocabulary.abbreviate(line) + "'", e);
                    }
                    sink.accept(sequence);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
