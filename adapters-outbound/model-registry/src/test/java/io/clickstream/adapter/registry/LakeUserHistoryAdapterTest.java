package io.clickstream.adapter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.memory.InMemoryDataLake;
import io.clickstream.domain.LakeLayout;
import io.clickstream.domain.ModelFile;
import io.clickstream.domain.ZonePath;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LakeUserHistoryAdapterTest {
    private final InMemoryDataLake lake = new InMemoryDataLake();
    private final AtomicReference<String> served = new AtomicReference<>();
    private final LakeUserHistoryAdapter history = new LakeUserHistoryAdapter(lake, () -> Optional.ofNullable(served.get()));

    private void model(String version, String dataset) {
        write(ModelFile.METADATA.of(version),
                "{\"version\":\"" + version + "\",\"createdAt\":\"2026-11-21T10:00:00Z\",\"dataset\":{\"location\":\"" + LakeLayout.dataset(dataset).key() + "/\"}}");
    }

    private void write(ZonePath path, String text) {
        lake.write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_users_recent_items_and_purchases_come_from_the_served_models_dataset() {
        model("m-1", "d-1");
        write(LakeLayout.dataset("d-1").resolve("users.tsv"),
                "u1\tu1\ti1:v:1000 i2:c:2000 i2:p:3000 i3:v:4000\nu2\tu2\ti9:v:1000\n");
        served.set("m-1");

        assertThat(history.recentItems("u1", 2)).containsExactly("i2", "i3");
        assertThat(history.recentItems("u1", 10)).containsExactly("i1", "i2", "i2", "i3");
        assertThat(history.purchasedItems("u1")).containsExactly("i2");
        assertThat(history.recentItems("nobody", 10)).isEmpty();
    }

    @Test
    void histories_follow_the_served_version_and_read_spark_part_files() {
        model("m-1", "d-1");
        write(LakeLayout.dataset("d-1").resolve("users.tsv"), "u1\tu1\ti1:v:1000\n");
        model("m-2", "d-2");
        write(LakeLayout.dataset("d-2").resolve("users.tsv/part-00000.txt"), "u1\tu1\ti7:v:1000\n");
        write(LakeLayout.dataset("d-2").resolve("users.tsv/part-00001.txt"), "u3\tu3\ti8:p:1000\n");
        served.set("m-1");
        assertThat(history.recentItems("u1", 5)).containsExactly("i1");

        served.set("m-2");

        assertThat(history.recentItems("u1", 5)).containsExactly("i7");
        assertThat(history.purchasedItems("u3")).containsExactly("i8");
    }

    @Test
    void with_no_served_model_or_no_dataset_every_user_is_unknown() {
        assertThat(history.recentItems("u1", 5)).isEmpty();
        write(ModelFile.METADATA.of("m-0"), "{\"version\":\"m-0\",\"createdAt\":\"2026-11-21T10:00:00Z\"}");
        served.set("m-0");
        assertThat(history.purchasedItems("u1")).isEmpty();
    }
}
