package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.CatalogueFormat;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A deliberately fake {@link CatalogueFormat}: tab-separated lines (ids hold no control characters), not the RFC 4180
 * catalogue CSV; for tests of the collection and of serving that need a reversible format and nothing more.
 */
public final class InMemoryCatalogueFormat implements CatalogueFormat {
    private static final String CATEGORY_SEPARATOR = "\u001f";

    @Override
    public void write(List<CatalogueItem> items, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (CatalogueItem item : items) {
            sb.append(item.itemId()).append('\t').append(String.join(CATEGORY_SEPARATOR, item.categories())).append('\t')
                    .append(item.available()).append('\t').append(item.hidden()).append('\t').append(item.updatedAt())
                    .append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Parsed read(InputStream in, String origin) throws IOException {
        List<CatalogueItem> items = new ArrayList<>();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                String[] cells = line.split("\t", -1);
                items.add(new CatalogueItem(cells[0], cells[1].isEmpty() ? Set.of() : Set.of(cells[1].split(CATEGORY_SEPARATOR)),
                        Boolean.parseBoolean(cells[2]), Boolean.parseBoolean(cells[3]), Instant.parse(cells[4])));
            }
        }
        return new Parsed(items, List.of());
    }

    @Override
    public void writeRejected(List<RejectedCatalogueRow> rejected, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        rejected.forEach(r -> sb.append(r.origin()).append('\t').append(r.reason()).append('\t').append(r.raw()).append('\n'));
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
