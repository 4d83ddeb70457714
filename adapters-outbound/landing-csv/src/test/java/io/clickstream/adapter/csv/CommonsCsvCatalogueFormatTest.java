package io.clickstream.adapter.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.application.port.out.CatalogueFormat.Parsed;
import io.clickstream.domain.CatalogueItem;
import io.clickstream.domain.RejectedCatalogueRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommonsCsvCatalogueFormatTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private final CommonsCsvCatalogueFormat format = new CommonsCsvCatalogueFormat();

    @Test
    void items_round_trip_with_several_categories_and_formula_like_ids() throws IOException {
        List<CatalogueItem> items = List.of(new CatalogueItem("i1", Set.of("shoes", "sale"), true, false, AT),
                new CatalogueItem("=HYPERLINK(1)", Set.of(), false, true, AT.plusSeconds(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(items, out);

        Parsed parsed = format.read(new ByteArrayInputStream(out.toByteArray()), "batch");

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("item_id,categories,available,hidden,updated_at\r\n")
                .contains("i1,sale|shoes,true,false,2026-03-01T10:00:00Z").contains("'=HYPERLINK(1)");
        assertThat(parsed.items()).isEqualTo(items);
        assertThat(parsed.rejected()).isEmpty();
    }

    @Test
    void a_shop_file_may_order_columns_freely_and_leave_hidden_out() throws IOException {
        Parsed parsed = read("updated_at,available,item_id,categories\n2026-03-01T11:00:00+01:00,false,i9,a | b\n");

        assertThat(parsed.items()).containsExactly(new CatalogueItem("i9", Set.of("a", "b"), false, false, AT));
    }

    @Test
    void malformed_rows_are_rejected_with_their_reason_and_the_others_kept() throws IOException {
        Parsed parsed = read("""
                item_id,categories,available,hidden,updated_at
                ok,a,true,false,2026-03-01T10:00:00Z
                ,a,true,false,2026-03-01T10:00:00Z
                x,a,yes,false,2026-03-01T10:00:00Z
                y,a,true,false,yesterday
                z,a,true
                w,a,true,maybe,2026-03-01T10:00:00Z
                """);

        assertThat(parsed.items()).extracting(CatalogueItem::itemId).containsExactly("ok");
        assertThat(parsed.rejected()).extracting(RejectedCatalogueRow::reason).containsExactly(
                "row 3: item_id must not be empty",
                "row 4: available must be true or false, got 'yes'",
                "row 5: updated_at must be an ISO-8601 time with an offset such as 2026-01-31T12:00:00Z, got 'yesterday'",
                "row 6: expected 5 cells as in the header, got 3",
                "row 7: hidden must be true or false, got 'maybe'");
        assertThat(parsed.rejected().get(1).raw()).isEqualTo("x,a,yes,false,2026-03-01T10:00:00Z");
        assertThat(parsed.rejected()).allSatisfy(r -> assertThat(r.origin()).isEqualTo("drop.csv"));
    }

    @Test
    void a_file_without_a_required_column_or_not_utf8_is_one_rejected_row_saying_why() throws IOException {
        assertThat(read("item_id,available,updated_at\ni1,true,2026-03-01T10:00:00Z\n").rejected())
                .singleElement().extracting(RejectedCatalogueRow::reason).asString().contains("lacks the column 'categories'");
        assertThat(format.read(new ByteArrayInputStream(new byte[] {(byte) 0xC3, 0x28}), "drop.csv").rejected())
                .singleElement().extracting(RejectedCatalogueRow::reason).asString().contains("not valid UTF-8");
        assertThat(read("").rejected()).singleElement().extracting(RejectedCatalogueRow::reason).asString().contains("empty");
        assertThat(read("item_id,categories,available,updated_at\n\"unclosed,a,true,2026-03-01T10:00:00Z\n").rejected())
                .singleElement().extracting(RejectedCatalogueRow::reason).asString().contains("not valid CSV");
    }

    private Parsed read(String csv) throws IOException {
        return format.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "drop.csv");
    }
}
