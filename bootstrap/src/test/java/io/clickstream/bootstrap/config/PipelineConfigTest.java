package io.clickstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {

    @Test
    void defaults_give_the_embedded_setup() {
        PipelineConfig config = PipelineConfig.load(Optional.empty(), Map.of());

        assertThat(config.get(ConfigKeys.HTTP_HOST)).isEqualTo("127.0.0.1");
        assertThat(config.get(ConfigKeys.HTTP_PORT)).isEqualTo(8080);
        assertThat(config.find(ConfigKeys.API_TOKEN)).isEmpty();
        assertThat(config.lakeUri()).isEqualTo(Path.of("data/lake").toAbsolutePath().normalize().toUri());
    }

    @Test
    void environment_overrides_the_file_which_overrides_defaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pipeline.properties");
        Files.writeString(file, "http.port=9000\ndata.dir=" + dir.resolve("d") + "\ntrain.window=7d\n");

        PipelineConfig config = PipelineConfig.load(Optional.empty(),
                Map.of("PIPELINE_CONFIG_FILE", file.toString(), "PIPELINE_HTTP_PORT", "18080", "PIPELINE_API_TOKEN", "s3cret"));

        assertThat(config.get(ConfigKeys.HTTP_PORT)).isEqualTo(18080);
        assertThat(config.get(ConfigKeys.API_TOKEN)).isEqualTo("s3cret");
        assertThat(config.get(ConfigKeys.TRAIN_WINDOW)).isEqualTo(Duration.ofDays(7));
        assertThat(config.lakeUri()).isEqualTo(dir.resolve("d").resolve("lake").toUri());
        assertThat(config.describe().get("api.token")).startsWith("****").contains("environment PIPELINE_API_TOKEN");
    }

    @Test
    void env_names_are_the_key_upper_cased_with_underscores() {
        assertThat(ConfigKeys.HTTP_PORT.envName()).isEqualTo("PIPELINE_HTTP_PORT");
        assertThat(ConfigKeys.DATA_DIR.envName()).isEqualTo("PIPELINE_DATA_DIR");
        assertThat(ConfigKeys.LAKE_URI.envName()).isEqualTo("PIPELINE_LAKE_URI");
        assertThat(ConfigKeys.API_TOKEN.envName()).isEqualTo("PIPELINE_API_TOKEN");
    }

    @Test
    void a_bad_value_names_the_key_and_its_variable() {
        assertThatThrownBy(() -> PipelineConfig.load(Optional.empty(), Map.of("PIPELINE_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port").hasMessageContaining("PIPELINE_HTTP_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> PipelineConfig.load(Optional.empty(), Map.of("PIPELINE_TRAIN_WINDOW", "a week")))
                .hasMessageContaining("train.window");
    }

    @Test
    void an_unknown_variable_or_file_key_fails_with_the_valid_ones(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> PipelineConfig.load(Optional.empty(), Map.of("PIPELINE_HTTP_PROT", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PIPELINE_HTTP_PROT")
                .hasMessageContaining("PIPELINE_HTTP_PORT");
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "lake.url=s3://x\n");
        assertThatThrownBy(() -> PipelineConfig.load(Optional.of(file), Map.of()))
                .hasMessageContaining("unknown configuration key 'lake.url'").hasMessageContaining("lake.uri");
    }

    @Test
    void a_missing_config_file_is_a_clear_error(@TempDir Path dir) {
        assertThatThrownBy(() -> PipelineConfig.load(Optional.of(dir.resolve("nope.properties")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read configuration file");
    }

    @Test
    void durations_accept_short_and_iso_forms() {
        assertThat(ConfigKeys.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigKeys.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigKeys.duration("P2D")).isEqualTo(Duration.ofDays(2));
        assertThat(ConfigKeys.duration("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_plain_lake_path_becomes_a_file_uri_and_s3_stays_s3() {
        assertThat(PipelineConfig.of(Map.of("lake.uri", "s3://bucket/prefix")).lakeUri().toString()).isEqualTo("s3://bucket/prefix");
        assertThat(PipelineConfig.of(Map.of("lake.uri", "/tmp/lake")).lakeUri().getScheme()).isEqualTo("file");
    }

    @Test
    void every_key_is_documented_in_the_readme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(readme).as("README documents %s", key.name()).contains("`" + key.name() + "`");
        }
    }
}
